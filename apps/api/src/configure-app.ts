import helmet from '@fastify/helmet';
import { RequestMethod, ValidationPipe } from '@nestjs/common';
import { FastifyAdapter, NestFastifyApplication } from '@nestjs/platform-fastify';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { Logger } from 'nestjs-pino';
import { randomUUID } from 'node:crypto';
import { AllExceptionsFilter } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { serveConsole } from './console/serve-console';
import { serveOpenApi } from './docs/serve-openapi';

export function createFastifyAdapter(config: AppConfig): FastifyAdapter {
  return new FastifyAdapter({
    bodyLimit: config.server.bodyLimitBytes,
    trustProxy: false,
    // A caller's X-Request-Id is kept (so logs join across services); otherwise a fresh UUID.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
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
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
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
          'Errors are `{statusCode, error, message}`; a database outage answers 503 with Retry-After.',
      )
      .setVersion('0.1.0')
      .addBearerAuth()
      .addApiKey({ type: 'apiKey', in: 'header', name: 'X-API-Key' }, 'api-key')
      .build(),
  );
  serveOpenApi(app, document);
  await serveConsole(app, config);
  void config;
  return app;
}
