import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum MetricsErrorCode {
  ForeignAccount = 'foreign_account',
  UserNotFound = 'user_not_found',
  AgentNotFound = 'agent_not_found',
  InvalidRange = 'invalid_range',
  TooManyBuckets = 'too_many_buckets',
}

const KIND: Record<MetricsErrorCode, DomainErrorKind> = {
  [MetricsErrorCode.ForeignAccount]: 'forbidden',
  [MetricsErrorCode.UserNotFound]: 'not_found',
  [MetricsErrorCode.AgentNotFound]: 'not_found',
  [MetricsErrorCode.InvalidRange]: 'bad_request',
  [MetricsErrorCode.TooManyBuckets]: 'bad_request',
};

export class MetricsError extends DomainError {
  constructor(code: MetricsErrorCode, message: string) {
    super(KIND[code], code, message);
  }

  static foreignAccount(): MetricsError {
    return new MetricsError(MetricsErrorCode.ForeignAccount, 'You may only read your own metrics');
  }

  static invalidRange(message: string): MetricsError {
    return new MetricsError(MetricsErrorCode.InvalidRange, message);
  }
}
