export { AuthModule } from './auth.module';
export { User } from './entities/user.entity';
export { ApiKey } from './entities/api-key.entity';
export { UserResponseDto } from './dto/user-response.dto';
export { apiKeyFromRequest } from './strategies/api-key.strategy';
export { AuthErrorCode } from './errors/auth.error';
