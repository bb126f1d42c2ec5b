import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { AppConfig } from '@fleetwatch/config';
import { Clock, newId } from '@fleetwatch/common';
import { LoginDto, TokenResponseDto } from '../dto/login.dto';
import { RegisterDto } from '../dto/register.dto';
import { UserResponseDto } from '../dto/user-response.dto';
import { User } from '../entities/user.entity';
import { AuthError, AuthErrorCode } from '../errors/auth.error';
import { UserRepository } from '../repositories/user.repository';
import { LoginLimiter } from './login-limiter';
import { PasswordHasher } from './password-hasher';

export interface JwtPayload {
  sub: string;
  role: string;
}

@Injectable()
export class AuthService {
  constructor(
    private readonly em: EntityManager,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly jwt: JwtService,
    private readonly limiter: LoginLimiter,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async register(dto: RegisterDto): Promise<UserResponseDto> {
    if (!this.config.auth.signupEnabled) throw new AuthError(AuthErrorCode.SignupDisabled, 'Sign-up is disabled on this server');
    const email = dto.email.toLowerCase();
    if (await this.users.findByEmail(email)) throw new AuthError(AuthErrorCode.EmailTaken, 'email is already registered');
    if (await this.users.findByUsername(dto.username)) throw new AuthError(AuthErrorCode.UsernameTaken, 'username is already taken');
    const now = this.clock.now();
    const user = this.users.create({
      id: newId(),
      email,
      username: dto.username,
      passwordHash: await this.hasher.hash(dto.password),
      role: 'user',
      plan: null,
      createdAt: now,
      updatedAt: now,
    });
    try {
      await this.em.flush();
    } catch (error) {
      // Two registrations raced past the checks above; the unique indexes decide.
      if (error instanceof UniqueConstraintViolationException) {
        throw new AuthError(AuthErrorCode.EmailTaken, 'email or username is already registered');
      }
      throw error;
    }
    return UserResponseDto.from(user);
  }

  async login(dto: LoginDto, clientIp: string): Promise<TokenResponseDto> {
    const email = dto.email.toLowerCase();
    // Counted before the password is checked, so concurrent guesses cannot all slip past the limit.
    const admission = await this.limiter.admit(email, clientIp);
    if (!admission.admitted) {
      throw new AuthError(AuthErrorCode.TooManyAttempts, 'Too many failed logins; try again later', admission.retryAfterSeconds);
    }
    const user = await this.users.findByEmail(email);
    const ok = await this.hasher.verify(user?.passwordHash, dto.password);
    if (!user || !ok) throw new AuthError(AuthErrorCode.InvalidCredentials, 'Invalid email or password');
    await this.limiter.succeeded(admission.ticket);
    return this.issueToken(user);
  }

  issueToken(user: User): TokenResponseDto {
    const payload: JwtPayload = { sub: user.id, role: user.role };
    const expiresIn = this.config.auth.jwtExpiresInSeconds;
    return { accessToken: this.jwt.sign(payload, { expiresIn }), tokenType: 'Bearer', expiresIn };
  }
}
