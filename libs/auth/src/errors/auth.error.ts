import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum AuthErrorCode {
  SignupDisabled = 'signup_disabled',
  EmailTaken = 'email_taken',
  UsernameTaken = 'username_taken',
  InvalidCredentials = 'invalid_credentials',
  TooManyAttempts = 'too_many_attempts',
  UserNotFound = 'user_not_found',
  ApiKeyNotFound = 'api_key_not_found',
  LastAdmin = 'last_admin',
  AgentNotFound = 'agent_not_found',
  ApiKeyLimit = 'api_key_limit_reached',
}

const KIND: Record<AuthErrorCode, DomainErrorKind> = {
  [AuthErrorCode.SignupDisabled]: 'forbidden',
  [AuthErrorCode.EmailTaken]: 'conflict',
  [AuthErrorCode.UsernameTaken]: 'conflict',
  [AuthErrorCode.InvalidCredentials]: 'unauthorized',
  [AuthErrorCode.TooManyAttempts]: 'rate_limited',
  [AuthErrorCode.UserNotFound]: 'not_found',
  [AuthErrorCode.ApiKeyNotFound]: 'not_found',
  [AuthErrorCode.LastAdmin]: 'conflict',
  [AuthErrorCode.AgentNotFound]: 'not_found',
  [AuthErrorCode.ApiKeyLimit]: 'conflict',
};

export class AuthError extends DomainError {
  constructor(code: AuthErrorCode, message: string, retryAfterSeconds?: number) {
    super(KIND[code], code, message, retryAfterSeconds);
  }
}
