import { ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { AuthGuard as PassportAuthGuard } from '@nestjs/passport';
import { AUTH_REQUIREMENT, AuthRequirement, IS_PUBLIC, isAdmin, Principal } from '@fleetwatch/common';

/**
 * The global guard: every route needs a caller unless marked @Public(); @Authenticated() adds
 * scope, admin and user-session requirements. Authentication failures are 401, missing rights 403.
 */
@Injectable()
export class AuthGuard extends PassportAuthGuard(['api-key', 'jwt']) {
  constructor(private readonly reflector: Reflector) {
    super();
  }

  override async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets)) return true;
    await super.canActivate(context);
    const principal = context.switchToHttp().getRequest<{ user: Principal }>().user;
    const requirement = this.reflector.getAllAndOverride<AuthRequirement>(AUTH_REQUIREMENT, targets) ?? {};
    if (requirement.userSession && principal.via !== 'jwt') {
      throw new ForbiddenException('This route needs a user session (JWT); API keys are not accepted');
    }
    if (requirement.admin && !isAdmin(principal)) throw new ForbiddenException('Admins only');
    if (requirement.scope && !principal.scopes.includes(requirement.scope)) {
      throw new ForbiddenException(`The API key lacks the ${requirement.scope} scope`);
    }
    return true;
  }

  override handleRequest<TUser = Principal>(error: Error | null | undefined, user: TUser | false): TUser {
    if (error) throw error;
    if (!user) throw new UnauthorizedException('Missing, invalid, expired or revoked credentials');
    return user;
  }
}
