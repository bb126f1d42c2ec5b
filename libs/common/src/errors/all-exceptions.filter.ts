import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, statusForKind } from './domain-error';
import { statusText } from './http-status-text';
import { isDatabaseUnavailable } from './database-unavailable';
import { codeForStatus, HttpErrorCode } from './error-codes';
import { FAILURE_BODY } from './failure-body.decorator';

export const DATABASE_RETRY_AFTER_SECONDS = 5;

interface ErrorBody {
  statusCode: number;
  error: string;
  /** Stable machine-readable reason: a domain code (`agent_not_found`) or an HttpErrorCode. */
  code: string;
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
    const routeBody = body.statusCode === 500 ? failureBodyOf(request) : undefined;
    void reply.status(body.statusCode ?? 503).send(routeBody ?? body);
  }

  private toBody(exception: unknown, request: FastifyRequest): { body: ErrorBody; retryAfter?: number; headers?: Record<string, string> } {
    if (exception instanceof DomainError) {
      const statusCode = statusForKind(exception.kind);
      return {
        body: { statusCode, error: statusText(statusCode), code: exception.code, message: exception.message },
        retryAfter: exception.retryAfterSeconds,
      };
    }
    if (exception instanceof HttpException) {
      const statusCode = exception.getStatus();
      const response = exception.getResponse();
      const message =
        typeof response === 'object' && response !== null && 'message' in response ? (response as { message: string | string[] }).message : exception.message;
      if (statusCode < 500) {
        // The validation pipes answer a list of messages, one per field.
        const code = statusCode === 400 && Array.isArray(message) ? HttpErrorCode.ValidationFailed : codeForStatus(statusCode);
        return { body: { statusCode, error: statusText(statusCode), code, message } };
      }
      // Terminus reports a failed readiness check as 503 with its own body, which callers parse.
      if (statusCode === 503 && typeof response === 'object') {
        return { body: response as ErrorBody, retryAfter: DATABASE_RETRY_AFTER_SECONDS };
      }
    }
    if (isDatabaseUnavailable(exception)) {
      this.logger.warn(`database unavailable on ${request.method} ${request.url}: ${(exception as Error).message}`);
      return {
        body: { statusCode: 503, error: statusText(503), code: HttpErrorCode.DatabaseUnavailable, message: 'The database is unavailable; retry later.' },
        retryAfter: DATABASE_RETRY_AFTER_SECONDS,
      };
    }
    // Fastify's own errors (body too large, malformed JSON, bad content type) carry a 4xx status.
    const fastifyStatus = (exception as { statusCode?: unknown })?.statusCode;
    if (typeof fastifyStatus === 'number' && fastifyStatus >= 400 && fastifyStatus < 500) {
      return {
        body: { statusCode: fastifyStatus, error: statusText(fastifyStatus), code: codeForStatus(fastifyStatus), message: (exception as Error).message },
      };
    }
    const errorId = randomUUID();
    this.logger.error(
      { errorId, method: request.method, url: request.url, err: exception },
      `unhandled error ${errorId}: ${(exception as Error)?.message ?? String(exception)}`,
    );
    return { body: { statusCode: 500, error: statusText(500), code: HttpErrorCode.InternalError, message: 'Internal server error', errorId } };
  }
}

function failureBodyOf(request: FastifyRequest): unknown {
  const config = request.routeOptions?.config as unknown as Record<string, unknown> | undefined;
  return config?.[FAILURE_BODY];
}
