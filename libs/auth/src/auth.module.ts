import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { AppConfig } from '@fleetwatch/config';
import { AdminUsersController } from './controllers/admin-users.controller';
import { ApiKeysController } from './controllers/api-keys.controller';
import { AuthController } from './controllers/auth.controller';
import { ApiKey } from './entities/api-key.entity';
import { LoginAttempt } from './entities/login-attempt.entity';
import { User } from './entities/user.entity';
import { AuthGuard } from './guards/auth.guard';
import { AdminBootstrapService } from './services/admin-bootstrap.service';
import { ApiKeysService } from './services/api-keys.service';
import { AuthService } from './services/auth.service';
import { LoginLimiter } from './services/login-limiter';
import { AuthJobs } from './jobs/auth.jobs';
import { PasswordHasher } from './services/password-hasher';
import { UsersService } from './services/users.service';
import { ApiKeyStrategy } from './strategies/api-key.strategy';
import { JwtStrategy } from './strategies/jwt.strategy';

@Module({
  imports: [
    MikroOrmModule.forFeature([User, ApiKey, LoginAttempt]),
    PassportModule,
    JwtModule.registerAsync({ inject: [AppConfig], useFactory: (config: AppConfig) => ({ secret: config.auth.jwtSecret }) }),
  ],
  controllers: [AuthController, ApiKeysController, AdminUsersController],
  providers: [
    PasswordHasher,
    LoginLimiter,
    AuthJobs,
    AuthService,
    ApiKeysService,
    UsersService,
    AdminBootstrapService,
    JwtStrategy,
    ApiKeyStrategy,
    { provide: APP_GUARD, useClass: AuthGuard },
  ],
  exports: [UsersService, ApiKeysService, MikroOrmModule],
})
export class AuthModule {}
