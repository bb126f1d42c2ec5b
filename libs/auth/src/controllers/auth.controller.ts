import { Body, Controller, Get, HttpCode, Post, Req } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Authenticated, CurrentPrincipal, Principal, Public } from '@fleetwatch/common';
import { LoginDto, TokenResponseDto } from '../dto/login.dto';
import { RegisterDto } from '../dto/register.dto';
import { UserResponseDto } from '../dto/user-response.dto';
import { AuthService } from '../services/auth.service';
import { UsersService } from '../services/users.service';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly users: UsersService,
  ) {}

  @Post('register')
  @Public()
  @ApiOperation({ summary: 'Create an account', description: '403 when SIGNUP_ENABLED=false; 409 for a taken email or username.' })
  @ApiCreatedResponse({ type: UserResponseDto })
  @ApiConflictResponse({ description: 'Email or username already registered.' })
  register(@Body() dto: RegisterDto): Promise<UserResponseDto> {
    return this.auth.register(dto);
  }

  @Post('login')
  @Public()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Exchange email and password for a JWT',
    description:
      'One 401 message for an unknown email and a wrong password. Attempts are counted (in PostgreSQL, shared by replicas) before the password is checked. Per (email, client address) pair past LOGIN_MAX_FAILURES failures, and per address past LOGIN_MAX_FAILURES_PER_ADDRESS, within LOGIN_WINDOW_SECONDS: 429 with Retry-After until the window ends. Per account from any address past LOGIN_MAX_FAILURES: attempts are spaced 1, 2, 4 … s apart (at most 60 s; 429 with that Retry-After) — a slowdown, not a lock-out. A success clears its pair.',
  })
  @ApiOkResponse({ type: TokenResponseDto })
  @ApiTooManyRequestsResponse({ description: 'Too many failed attempts; see Retry-After.' })
  login(@Body() dto: LoginDto, @Req() request: FastifyRequest): Promise<TokenResponseDto> {
    return this.auth.login(dto, request.ip);
  }

  @Get('me')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({ summary: 'The caller' })
  @ApiOkResponse({ type: UserResponseDto })
  me(@CurrentPrincipal() principal: Principal): Promise<UserResponseDto> {
    return this.users.me(principal);
  }
}
