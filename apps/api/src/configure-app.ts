import helmet from '@fastify/helmet';
import { RequestMethod } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { AllExceptionsFilter, limitedFormParser, limitedJsonParser, StrictValidationPipe } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { serveConsole } from './console/serve-console';
import { limitAnonymousBodies } from './http/anonymous-body-limit';
import { documentErrorCodes } from './docs/error-codes.doc';
import { serveOpenApi } from './docs/serve-openapi';

/** What a caller's X-Request-Id may be to be kept: it goes into every log line and back out as a header. */
const CLIENT_REQUEST_ID = /^[A-Za-z0-9._-]{1,128}$/;

export function requestIdFor(header: string | string[] | undefined): string {
  return typeof header === 'string' && CLIENT_REQUEST_ID.test(header) ? header : randomUUID();
}

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  const { bodyLimitBytes, headersTimeoutMs, requestTimeoutMs } = config.server;
  return new FastifyAdapter({
    bodyLimit: bodyLimitBytes,
    trustProxy: false,
    // A caller's X-Request-Id is kept when it is a plain token (so logs join across services); otherwise a fresh UUID.
    requestIdHeader: false,
    genReqId: (request: IncomingMessage) => requestIdFor(request.headers['x-request-id']),
    // Fastify turns Node's request timeout off by default, so a client trickling a body held its
    // connection forever. Node answers 408 and closes once the whole request has not arrived in time;
    // it looks every second rather than every 30 s, so the bound is close to what is configured.
    requestTimeout: requestTimeoutMs,
    http: { headersTimeout: headersTimeoutMs, requestTimeout: requestTimeoutMs, connectionsCheckingInterval: 1000 },
  });
}

/** Everything main.ts and the tests share: prefix, pipes, filter, helmet, OpenAPI. */
export async function configureApp(app: NestFastifyApplication, config: AppConfig): Promise<NestFastifyApplication> {
  app.useLogger(app.get(Logger));
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onSend', async (request, reply, payload) => {
      void reply.header('X-Request-Id', request.id);
      return payload;
    });
  app.setGlobalPrefix('api', {
    exclude: [
      { path: 'health/live', method: RequestMethod.GET },
      { path: 'health/ready', method: RequestMethod.GET },
      // GET /metrics (Prometheus) is mounted on Fastify by the metrics lib: excluding `metrics` here would also
      // strip the prefix from the seed route GET /api/metrics, since Nest matches exclusions by path.
    ],
  });
  // One parser for every JSON body, OTLP JSON included: bodies too deep or with too many keys are
  // refused before parsing, in milliseconds, instead of stalling the process in validation.
  const limits = { maxDepth: config.server.jsonMaxDepth, maxKeys: config.server.jsonMaxKeys };
  const fastify = app.getHttpAdapter().getInstance();
  limitAnonymousBodies(fastify);
  app.useBodyParser('application/json', { bodyLimit: config.server.bodyLimitBytes }, limitedJsonParser(fastify, limits));
  app.useBodyParser('application/x-www-form-urlencoded', { bodyLimit: config.server.bodyLimitBytes }, limitedFormParser(limits));
  app.useGlobalPipes(new StrictValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new AllExceptionsFilter());
  await app.register(helmet, {
    contentSecurityPolicy: {
      directives: {
        defaultSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        scriptSrc: ["'self'", "'unsafe-inline'"],
      },
    },
  });

  const document = SwaggerModule.createDocument(
    app,
    new DocumentBuilder()
      .setTitle('Fleetwatch')
      .setDescription(
        'Monitoring backend for fleets of AI agents. Authenticate with `Authorization: Bearer <JWT or API key>` or `X-API-Key: <key>`. ' +
          'Errors are `{statusCode, error, code, message}` (schema ErrorResponse; `code` is stable, the message is for people); ' +
          'a database outage answers 503 with Retry-After.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .build(),
  );
  serveOpenApi(app, documentErrorCodes(document));
  await serveConsole(app, config);
  return app;
}
