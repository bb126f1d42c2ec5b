import { ArgumentsHost, Catch } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AllExceptionsFilter } from '@fleetwatch/common';
import { encodeStatus } from '../codec/otlp-status.codec';
import { PROTOBUF_CONTENT_TYPE } from './otlp-body.hooks';

/**
 * OTLP/HTTP answers in the request's encoding, errors included: a protobuf request gets its error
 * as a protobuf google.rpc.Status (same HTTP status and Retry-After); JSON requests keep the
 * service's JSON error body.
 */
@Catch()
export class OtlpExceptionFilter extends AllExceptionsFilter {
  override catch(exception: unknown, host: ArgumentsHost): void {
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const contentType = String(request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (contentType !== PROTOBUF_CONTENT_TYPE) return super.catch(exception, host);
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { body, retryAfter } = this.toBody(exception, request);
    const status = body.statusCode ?? 503;
    const message = Array.isArray(body.message) ? body.message.join('; ') : String(body.message ?? body.error ?? 'error');
    if (retryAfter !== undefined) void reply.header('Retry-After', String(retryAfter));
    void reply.status(status).header('content-type', PROTOBUF_CONTENT_TYPE).send(encodeStatus(status, message));
  }
}
