import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum AnalyticsErrorCode {
  InvalidRange = 'invalid_range',
  TooManyPoints = 'too_many_points',
  UnsupportedAggregation = 'unsupported_aggregation',
  UnsupportedSource = 'unsupported_source',
  ForeignUser = 'foreign_user',
  DeploymentNotFound = 'deployment_not_found',
  TooManyExports = 'too_many_exports',
}

const KIND: Record<AnalyticsErrorCode, DomainErrorKind> = {
  [AnalyticsErrorCode.InvalidRange]: 'bad_request',
  [AnalyticsErrorCode.TooManyPoints]: 'bad_request',
  [AnalyticsErrorCode.UnsupportedAggregation]: 'bad_request',
  [AnalyticsErrorCode.UnsupportedSource]: 'bad_request',
  [AnalyticsErrorCode.ForeignUser]: 'forbidden',
  [AnalyticsErrorCode.DeploymentNotFound]: 'not_found',
  [AnalyticsErrorCode.TooManyExports]: 'rate_limited',
};

export class AnalyticsError extends DomainError {
  constructor(code: AnalyticsErrorCode, message: string, retryAfterSeconds?: number) {
    super(KIND[code], code, message, retryAfterSeconds);
  }

  static tooManyExports(limit: number): AnalyticsError {
    return new AnalyticsError(AnalyticsErrorCode.TooManyExports, `at most ${limit} exports run at once per server; retry shortly`, 5);
  }

  static invalidRange(field: string, message: string): AnalyticsError {
    return new AnalyticsError(AnalyticsErrorCode.InvalidRange, `${field} ${message}`);
  }

  static deploymentNotFound(id: string): AnalyticsError {
    return new AnalyticsError(AnalyticsErrorCode.DeploymentNotFound, `deployment ${id} not found`);
  }
}
