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
  @ApiOperation({ summary: 'Exchange email and password for a JWT', description: 'One 401 message for an unknown email and a wrong password. Failed attempts per email and per client address are limited (LOGIN_MAX_FAILURES within LOGIN_WINDOW_SECONDS): past that, 429 with Retry-After.' })
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
