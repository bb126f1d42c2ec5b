import { INestApplication } from '@nestjs/common';
import { OpenAPIObject, SwaggerModule } from '@nestjs/swagger';

export const OPENAPI_UI_PATH = 'api/docs';
export const OPENAPI_JSON_PATH = 'api/docs-json';

/**
 * The OpenAPI UI loads the document from /api/docs-json instead of having it pasted into
 * swagger-ui-init.js. @nestjs/swagger pastes the embedded document through String.replace with a
 * replacement *string*, so `$&`, `` $` ``, `$'` or `$$` anywhere in a description (regex patterns in
 * backquotes do this) rewrote the script into a syntax error and the UI rendered blank. The JSON
 * route serialises with JSON.stringify alone, so any description text survives.
 */
export function serveOpenApi(app: INestApplication, document: OpenAPIObject): void {
  // The UI half embeds no document at all: without `spec`, Swagger UI downloads `swaggerUrl`.
  SwaggerModule.setup(OPENAPI_UI_PATH, app, () => undefined as unknown as OpenAPIObject, {
    raw: false,
    swaggerUrl: `/${OPENAPI_JSON_PATH}`,
    swaggerOptions: { persistAuthorization: true },
  });
  SwaggerModule.setup(OPENAPI_UI_PATH, app, document, { ui: false, raw: true, jsonDocumentUrl: OPENAPI_JSON_PATH });
}
