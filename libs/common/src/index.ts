export { CommonModule } from './common.module';
export { Clock, SystemClock, ManualClock } from './time/clock';
export { newId } from './ids/new-id';
export { DomainError, statusForKind } from './errors/domain-error';
export type { DomainErrorKind } from './errors/domain-error';
export { AllExceptionsFilter, DATABASE_RETRY_AFTER_SECONDS } from './errors/all-exceptions.filter';
export { isDatabaseUnavailable } from './errors/database-unavailable';
export { describeError } from './errors/describe-error';
export { SCOPES, isAdmin } from './auth/principal';
export type { Principal, Scope, Role } from './auth/principal';
export { Public, Authenticated, CurrentPrincipal, IS_PUBLIC, AUTH_REQUIREMENT } from './auth/auth.decorators';
export type { AuthRequirement } from './auth/auth.decorators';
export { PageQueryDto, encodeCursor, decodeCursor, NEXT_CURSOR_HEADER } from './http/pagination';
export type { Keyset, Page } from './http/pagination';
export { IsCursor, parseCursor, type CursorOptions } from './http/cursor.validator';
export { PageSize } from './http/page-size.decorator';
export { uuidParam } from './http/uuid-param.pipe';
export { IsTimestamp, parseTimestamp, TIMESTAMP_MIN, TIMESTAMP_MAX } from './http/timestamp.validator';
export { jsonLimitProblem } from './http/json-limits';
export type { JsonLimits } from './http/json-limits';
export { limitedJsonParser, limitedFormParser } from './http/body-parsers';
export { unsafeTextProblem } from './http/unsafe-text';
export { StrictValidationPipe } from './http/strict-validation.pipe';
export { canSee, visibleOwnerId } from './auth/visibility';
export { ownerCondition } from './auth/visibility.sql';
export type { SqlCondition } from './auth/visibility.sql';
export { Paged, PagedInterceptor } from './http/paged.interceptor';
export { SECOND_MS, MINUTE_MS, HOUR_MS, DAY_MS } from './time/durations';
export { HttpErrorCode, codeForStatus } from './errors/error-codes';
export { FailureBody, FAILURE_BODY } from './errors/failure-body.decorator';
export { neutraliseCsvText } from './csv/csv-formula';
export {
  getOrCreateCounter,
  getOrCreateGauge,
  getOrCreateHistogram,
  ensureDefaultMetrics,
  metricsExposition,
  METRICS_PREFIX,
  removeMetrics,
} from './metrics/prom-registry';
