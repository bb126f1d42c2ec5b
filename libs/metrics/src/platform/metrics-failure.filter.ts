import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { AllExceptionsFilter, DomainError, isDatabaseUnavailable } from '@fleetwatch/common';

/**
 * Seed 000 answers an unexpected failure of `GET /api/metrics` with its own body; a database
 * outage still gets the project's 503 with Retry-After, and HTTP errors stay as they are.
 */
@Catch()
export class MetricsFailureFilter implements ExceptionFilter {
  private readonly logger = new Logger('Metrics');
  private readonly fallback = new AllExceptionsFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    if (exception instanceof HttpException || exception instanceof DomainError || isDatabaseUnavailable(exception)) {
      this.fallback.catch(exception, host);
      return;
    }
    this.logger.error({ err: exception }, `GET /api/metrics failed: ${(exception as Error)?.message ?? String(exception)}`);
    void host.switchToHttp().getResponse<FastifyReply>().status(500).send({ error: 'Failed to fetch metrics', metrics: {} });
  }
}
