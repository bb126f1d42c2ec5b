import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum OtlpErrorCode {
  Undecodable = 'otlp_undecodable',
  UnsupportedContentType = 'otlp_unsupported_content_type',
  Overloaded = 'otlp_overloaded',
}

const KIND: Record<OtlpErrorCode, DomainErrorKind> = {
  [OtlpErrorCode.Undecodable]: 'bad_request',
  [OtlpErrorCode.UnsupportedContentType]: 'bad_request',
  [OtlpErrorCode.Overloaded]: 'rate_limited',
};

/** Seconds an OTLP client waits before retrying an export refused for load. */
export const OTLP_OVERLOAD_RETRY_AFTER_SECONDS = 1;

export class OtlpError extends DomainError {
  constructor(code: OtlpErrorCode, message: string, retryAfterSeconds?: number) {
    super(KIND[code], code, message, retryAfterSeconds);
  }

  static undecodable(signal: string, detail: string): OtlpError {
    return new OtlpError(OtlpErrorCode.Undecodable, `the body is no valid OTLP ${signal} export request: ${detail}`);
  }

  static unsupportedContentType(contentType: string | undefined): OtlpError {
    return new OtlpError(
      OtlpErrorCode.UnsupportedContentType,
      `Content-Type ${contentType ?? '(none)'} is not supported: send application/x-protobuf or application/json`,
    );
  }

  static overloaded(inFlight: number): OtlpError {
    return new OtlpError(OtlpErrorCode.Overloaded, `too many OTLP exports in flight (${inFlight}); retry later`, OTLP_OVERLOAD_RETRY_AFTER_SECONDS);
  }
}
