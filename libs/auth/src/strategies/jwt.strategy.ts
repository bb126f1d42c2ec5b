import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { AppConfig } from '@fleetwatch/config';
import { Principal, SCOPES } from '@fleetwatch/common';
import type { JwtPayload } from '../services/auth.service';
import { UserRepository } from '../repositories/user.repository';

@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: AppConfig,
    private readonly users: UserRepository,
  ) {
    super({ jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(), secretOrKey: config.auth.jwtSecret, ignoreExpiration: false });
  }

  /** The role is read from the database, so a demoted admin loses rights before the token expires. */
  async validate(payload: JwtPayload): Promise<Principal | false> {
    const user = await this.users.findOne({ id: payload.sub });
    if (!user) return false;
    return { userId: user.id, role: user.role, scopes: SCOPES, via: 'jwt' };
  }
}
