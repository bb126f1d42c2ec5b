import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { map, Observable } from 'rxjs';
import { encodeJsonResponse, encodeProtobufResponse } from '../codec/otlp-proto.codec';
import { OtlpExportResult } from '../services/otlp-export.service';
import { PROTOBUF_CONTENT_TYPE } from './otlp-body.hooks';

/** Answers in the request's encoding, as OTLP/HTTP requires: protobuf for protobuf, JSON for JSON. */
@Injectable()
export class OtlpResponseInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler<OtlpExportResult>): Observable<unknown> {
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return next.handle().pipe(
      map((result) => {
        if (result.format === 'json') return encodeJsonResponse(result.signal, result.partial);
        void reply.header('content-type', PROTOBUF_CONTENT_TYPE);
        return encodeProtobufResponse(result.signal, result.partial);
      }),
    );
  }
}
