import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import {
  ApiConflictResponse,
  ApiBadRequestResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, uuidParam, PageQueryDto, Principal, Page, Paged } from '@fleetwatch/common';
import { ChannelResponseDto, ChannelTestResponseDto, CreateChannelDto, UpdateChannelDto } from '../dto/channel.dto';
import { ChannelsService } from '../services/channels.service';

const FORMATS =
  'webhook: JSON `{id (delivery id, stable across retries), event (alert.firing|alert.resolved|alert.acknowledged|test), repeat, occurredAt, alert, rule, agent}` ' +
  'signed with `X-Fleetwatch-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>`; slack: an incoming-webhook `{text}` message; ' +
  'alertmanager: POST `{url}/api/v2/alerts` with labels alertname, severity, agent, agent_id, rule_id, annotations, startsAt, and endsAt on resolve (acknowledgements are not sent).';

@ApiTags('alerts')
@Controller('alerts/channels')
export class ChannelsController {
  constructor(private readonly channels: ChannelsService) {}

  @Post()
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({ summary: 'Create a notification channel', description: FORMATS })
  @ApiCreatedResponse({ type: ChannelResponseDto })
  @ApiBadRequestResponse({ description: 'Bad URL (scheme, private address) or secret.' })
  @ApiConflictResponse({ description: 'You already have MAX_CHANNELS_PER_USER channels (default 50); the message names the cap.' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateChannelDto): Promise<ChannelResponseDto> {
    return this.channels.create(principal, dto);
  }

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({ summary: 'Your channels (admins: everyone’s), newest first', description: 'Secrets are never returned (`hasSecret` only).' })
  @ApiOkResponse({ type: ChannelResponseDto, isArray: true })
  @Paged()
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Page<ChannelResponseDto>> {
    return this.channels.list(principal, query);
  }

  @Patch(':id')
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({ summary: 'Change a channel', description: 'The type cannot change. A new secret replaces the old one.' })
  @ApiOkResponse({ type: ChannelResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  update(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateChannelDto): Promise<ChannelResponseDto> {
    return this.channels.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({ summary: 'Delete a channel', description: 'Rules stop naming it; its outbox rows are deleted.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.channels.remove(principal, id);
  }

  @Post(':id/test')
  @HttpCode(200)
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({ summary: 'Send a test notification now', description: 'One attempt, outside the outbox. latencyMs is the wall time of the attempt.' })
  @ApiOkResponse({ type: ChannelTestResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  test(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string): Promise<ChannelTestResponseDto> {
    return this.channels.test(principal, id);
  }
}
