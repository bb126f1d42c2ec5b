import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { OtlpError } from '../errors/otlp.error';
import { OtlpPayload } from '../services/otlp-export.service';
import { PROTOBUF_CONTENT_TYPE } from './otlp-body.hooks';

export function payloadFrom(request: Pick<FastifyRequest, 'headers' | 'body'>): OtlpPayload {
  const raw = request.headers['content-type'];
  const contentType = typeof raw === 'string' ? raw.split(';')[0].trim().toLowerCase() : undefined;
  if (contentType === PROTOBUF_CONTENT_TYPE) return { format: 'protobuf', body: request.body };
  if (contentType === 'application/json') return { format: 'json', body: request.body };
  throw OtlpError.unsupportedContentType(raw);
}

/** The OTLP request body with its encoding, read from Content-Type. */
export const OtlpBody = createParamDecorator((_: unknown, context: ExecutionContext): OtlpPayload =>
  payloadFrom(context.switchToHttp().getRequest<FastifyRequest>()),
);
