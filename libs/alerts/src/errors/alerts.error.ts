import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum AlertsErrorCode {
  Invalid = 'alerts_invalid',
  RuleNotFound = 'rule_not_found',
  AlertNotFound = 'alert_not_found',
  ChannelNotFound = 'channel_not_found',
  SilenceNotFound = 'silence_not_found',
  AgentNotFound = 'agent_not_found',
  IllegalTransition = 'alert_illegal_transition',
  LimitReached = 'alerts_limit_reached',
}

const KIND: Record<AlertsErrorCode, DomainErrorKind> = {
  [AlertsErrorCode.Invalid]: 'bad_request',
  [AlertsErrorCode.RuleNotFound]: 'not_found',
  [AlertsErrorCode.AlertNotFound]: 'not_found',
  [AlertsErrorCode.ChannelNotFound]: 'not_found',
  [AlertsErrorCode.SilenceNotFound]: 'not_found',
  [AlertsErrorCode.AgentNotFound]: 'not_found',
  [AlertsErrorCode.IllegalTransition]: 'conflict',
  [AlertsErrorCode.LimitReached]: 'conflict',
};

export class AlertsError extends DomainError {
  constructor(code: AlertsErrorCode, message: string) {
    super(KIND[code], code, message);
  }

  static invalid(message: string): AlertsError {
    return new AlertsError(AlertsErrorCode.Invalid, message);
  }

  /** 409 naming the cap and the variable that sets it. */
  static limitReached(what: string, cap: number, variable: string): AlertsError {
    return new AlertsError(AlertsErrorCode.LimitReached, `limit reached: at most ${cap} ${what} per user (${variable})`);
  }

  static notFound(code: AlertsErrorCode, what: string, id: string): AlertsError {
    return new AlertsError(code, `${what} ${id} not found`);
  }
}
