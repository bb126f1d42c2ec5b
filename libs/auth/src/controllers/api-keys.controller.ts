import { Body, Controller, Delete, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal, uuidParam } from '@fleetwatch/common';
import { ApiKeyResponseDto, CreateApiKeyDto, CreatedApiKeyResponseDto } from '../dto/api-key.dto';
import { ApiKeysService } from '../services/api-keys.service';

@ApiTags('auth')
@Controller('auth/api-keys')
@Authenticated({ userSession: true })
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  @ApiOperation({ summary: 'Create an API key', description: 'The key is in this answer only; it is stored as a SHA-256 hash and looked up by its prefix.' })
  @ApiCreatedResponse({ type: CreatedApiKeyResponseDto })
  @ApiConflictResponse({ description: 'You already hold MAX_API_KEYS_PER_USER unrevoked keys (default 100); revoke one first.' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateApiKeyDto): Promise<CreatedApiKeyResponseDto> {
    return this.apiKeys.create(principal, dto);
  }

  @Get()
  @ApiOperation({ summary: "The caller's active API keys (never the key itself)" })
  @ApiOkResponse({ type: ApiKeyResponseDto, isArray: true })
  list(@CurrentPrincipal() principal: Principal): Promise<ApiKeyResponseDto[]> {
    return this.apiKeys.list(principal);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Revoke an API key; it fails at once',
    description: "Your own keys; admins may revoke any key. Unknown, already revoked or someone else's key: 404.",
  })
  @ApiNoContentResponse()
  @ApiNotFoundResponse()
  async revoke(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.apiKeys.revoke(principal, id);
  }
}
