import { applyDecorators, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConsumes,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { OtlpResponseInterceptor } from './otlp-response.interceptor';

/** What every OTLP/HTTP receiver controller shares: protobuf or JSON in and out, and the same error answers. */
export function OtlpReceiver(): ClassDecorator {
  return applyDecorators(
    ApiTags('ingest'),
    UseInterceptors(OtlpResponseInterceptor),
    ApiConsumes('application/x-protobuf', 'application/json'),
    ApiProduces('application/x-protobuf', 'application/json'),
    ApiBadRequestResponse({
      description:
        'Undecodable body or unsupported Content-Type. Errors of protobuf requests are a protobuf google.rpc.Status; of JSON requests, the usual JSON error.',
    }),
    ApiPayloadTooLargeResponse({ description: 'Body over BODY_LIMIT_MB (after gzip decompression) or more than INGEST_MAX_ITEMS items.' }),
    ApiTooManyRequestsResponse({ description: 'Too many exports in flight; Retry-After says when to retry.' }),
    ApiServiceUnavailableResponse({ description: 'Database unreachable; Retry-After says when to retry.' }),
  );
}

/** The request body as the OpenAPI document shows it. */
export const OTLP_BODY = { description: 'An OTLP export request (protobuf or OTLP JSON).', schema: { type: 'object' } };
