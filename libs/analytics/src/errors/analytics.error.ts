import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum AnalyticsErrorCode {
  InvalidRange = 'invalid_range',
  TooManyPoints = 'too_many_points',
  UnsupportedAggregation = 'unsupported_aggregation',
  UnsupportedSource = 'unsupported_source',
  ForeignUser = 'foreign_user',
  DeploymentNotFound = 'deployment_not_found',
}

const KIND: Record<AnalyticsErrorCode, DomainErrorKind> = {
  [AnalyticsErrorCode.InvalidRange]: 'bad_request',
  [AnalyticsErrorCode.TooManyPoints]: 'bad_request',
  [AnalyticsErrorCode.UnsupportedAggregation]: 'bad_request',
  [AnalyticsErrorCode.UnsupportedSource]: 'bad_request',
  [AnalyticsErrorCode.ForeignUser]: 'forbidden',
  [AnalyticsErrorCode.DeploymentNotFound]: 'not_found',
};

export class AnalyticsError extends DomainError {
  constructor(code: AnalyticsErrorCode, message: string, retryAfterSeconds?: number) {
    super(KIND[code], code, message, retryAfterSeconds);
  }

  static invalidRange(field: string, message: string): AnalyticsError {
    return new AnalyticsError(AnalyticsErrorCode.InvalidRange, `${field} ${message}`);
  }

  static deploymentNotFound(id: string): AnalyticsError {
    return new AnalyticsError(AnalyticsErrorCode.DeploymentNotFound, `deployment ${id} not found`);
  }
}
