/**
 * Codes for failures that no domain names: framework validation, authentication, routing, limits,
 * the database and the unexpected. Domain codes (`agent_not_found`, `rule_not_found`, ...) come from
 * each lib's error enum; together they are the stable `code` of every error body.
 */
export enum HttpErrorCode {
  ValidationFailed = 'validation_failed',
  BadRequest = 'bad_request',
  Unauthorized = 'unauthorized',
  Forbidden = 'forbidden',
  NotFound = 'not_found',
  MethodNotAllowed = 'method_not_allowed',
  RequestTimeout = 'request_timeout',
  Conflict = 'conflict',
  PayloadTooLarge = 'payload_too_large',
  UnsupportedMediaType = 'unsupported_media_type',
  Unprocessable = 'unprocessable',
  RateLimited = 'rate_limited',
  DatabaseUnavailable = 'database_unavailable',
  Unavailable = 'unavailable',
  InternalError = 'internal_error',
  InvalidCursor = 'invalid_cursor',
}

const BY_STATUS: Record<number, HttpErrorCode> = {
  400: HttpErrorCode.BadRequest,
  401: HttpErrorCode.Unauthorized,
  403: HttpErrorCode.Forbidden,
  404: HttpErrorCode.NotFound,
  405: HttpErrorCode.MethodNotAllowed,
  408: HttpErrorCode.RequestTimeout,
  409: HttpErrorCode.Conflict,
  413: HttpErrorCode.PayloadTooLarge,
  415: HttpErrorCode.UnsupportedMediaType,
  422: HttpErrorCode.Unprocessable,
  429: HttpErrorCode.RateLimited,
  503: HttpErrorCode.Unavailable,
};

/** The generic code of an HTTP status that carries no domain code. */
export function codeForStatus(status: number): HttpErrorCode {
  return BY_STATUS[status] ?? (status >= 500 ? HttpErrorCode.InternalError : HttpErrorCode.BadRequest);
}
