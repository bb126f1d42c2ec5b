import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { IncomingMessage } from 'node:http';
import { AppConfig } from '@fleetwatch/config';
import { logDestination } from './log-destination';

/** Structured JSON logs (pretty lines on a development terminal); request lines carry Fastify's request id (X-Request-Id in and out, see configure-app). */
@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig): DynamicModule {
    const options = {
      level: config.server.logLevel,
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]', 'req.headers.cookie'],
      autoLogging: { ignore: (request: IncomingMessage) => request.url?.startsWith('/health') ?? false },
    };
    const destination = logDestination(config);
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          forRoutes: [{ path: '{*splat}', method: RequestMethod.ALL }],
          pinoHttp: destination ? [options, destination] : options,
        }),
      ],
    };
  }
}
