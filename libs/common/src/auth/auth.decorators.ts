import { applyDecorators, createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Principal, Scope } from './principal';

export const IS_PUBLIC = 'fleetwatch:public';
export const AUTH_REQUIREMENT = 'fleetwatch:auth';

export interface AuthRequirement {
  /** The API-key scope the route needs; JWTs carry every scope. */
  scope?: Scope;
  /** Admins only. */
  admin?: boolean;
  /** JWT only: API keys are refused (key management must not be reachable with a key). */
  userSession?: boolean;
}

/** Opts a route out of the global deny-by-default guard. */
export const Public = (): MethodDecorator & ClassDecorator => SetMetadata(IS_PUBLIC, true);

/** Declares what a caller needs; the global guard enforces it. */
export function Authenticated(requirement: AuthRequirement = {}): MethodDecorator & ClassDecorator {
  const notes = [
    requirement.admin ? 'Admins only.' : undefined,
    requirement.scope ? `API keys need the \`${requirement.scope}\` scope.` : undefined,
    requirement.userSession ? 'JWT only (API keys are refused).' : undefined,
  ].filter(Boolean);
  return applyDecorators(
    SetMetadata(AUTH_REQUIREMENT, requirement),
    ApiBearerAuth(),
    ApiSecurity('api-key'),
    ApiUnauthorizedResponse({ description: 'Missing, invalid, expired or revoked credentials.' }),
    ApiForbiddenResponse({ description: notes.join(' ') || 'Not allowed.' }),
  );
}

export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const request = context.switchToHttp().getRequest<{ user?: Principal }>();
  if (!request.user) throw new Error('CurrentPrincipal used on a route without authentication');
  return request.user;
});
