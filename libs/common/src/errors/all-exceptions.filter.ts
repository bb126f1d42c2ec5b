import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, statusForKind } from './domain-error';
import { statusText } from './http-status-text';
import { isDatabaseUnavailable } from './database-unavailable';

export const DATABASE_RETRY_AFTER_SECONDS = 5;

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string | string[];
  errorId?: string;
}

/**
 * The one place errors become HTTP answers: domain errors by kind, framework errors as they are,
 * an unreachable database as 503 with Retry-After, anything else as a 500 with an id to find the
 * logged stack — never the stack itself.
 */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const { body, retryAfter, headers } = this.toBody(exception, request);
    if (retryAfter !== undefined) void reply.header('Retry-After', String(retryAfter));
    for (const [name, value] of Object.entries(headers ?? {})) void reply.header(name, value);
    void reply.status(body.statusCode ?? 503).send(body);
  }

  private toBody(exception: unknown, request: FastifyRequest): { body: ErrorBody; retryAfter?: number; headers?: Record<string, string> } {
    if (exception instanceof DomainError) {
      const statusCode = statusForKind(exception.kind);
      return { body: { statusCode, error: statusText(statusCode), message: exception.message }, retryAfter: exception.retryAfterSeconds };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response
          ? (response as { message: string | string[] }).message
          : exception.message;
      if (statusCode < 500) return { body: { statusCode, error: statusText(statusCode), message } };
      // Terminus reports a failed readiness check as 503 with its own body, which callers parse.
      if (statusCode === 503 && typeof response === 'object') {
        return { body: response as ErrorBody, retryAfter: DATABASE_RETRY_AFTER_SECONDS };
      }
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable on ${request.method} ${request.url}: ${(exception as Error).message}`);
      return {
        body: { statusCode: 503, error: statusText(503), message: 'The database is unavailable; retry later.' },
        retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      };
    }
    // Fastify's own errors (body too large, malformed JSON, bad content type) carry a 4xx status.
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return { body: { statusCode: fastifyStatus, error: statusText(fastifyStatus), message: (exception as Error).message } };
    }
    const errorId = randomUUID();
    this.logger.error(
      { errorId, method: request.method, url: request.url, err: exception },
      `unhandled error ${errorId}: ${(exception as Error)?.message ?? String(exception)}`,
    );
    return { body: { statusCode: 500, error: statusText(500), message: 'Internal server error', errorId } };
  }
}
