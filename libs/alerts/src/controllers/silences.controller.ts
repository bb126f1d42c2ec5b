import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Post, Query } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, PageQueryDto, Principal, Page, Paged } from '@fleetwatch/common';
import { CreateSilenceDto, SilenceResponseDto } from '../dto/silence.dto';
import { SilencesService } from '../services/silences.service';

@ApiTags('alerts')
@Controller('alerts/silences')
export class SilencesController {
  constructor(private readonly silences: SilencesService) {}

  @Post()
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({
    summary: 'Mute notifications',
    description:
      'Between startsAt and endsAt, transitions of your alerts matching every given matcher are evaluated and recorded as usual, but their outbox rows are `suppressed` (never sent). An admin’s silence applies to every owner. 409 when you already have MAX_SILENCES_PER_USER silences that have not ended (default 500).',
  })
  @ApiCreatedResponse({ type: SilenceResponseDto })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateSilenceDto): Promise<SilenceResponseDto> {
    return this.silences.create(principal, dto);
  }

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({ summary: 'Your silences (admins: everyone’s), newest first', description: 'state: pending (not started), active, expired.' })
  @ApiOkResponse({ type: SilenceResponseDto, isArray: true })
  @Paged()
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Page<SilenceResponseDto>> {
    return this.silences.list(principal, query);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({ summary: 'Expire a silence now', description: 'The silence is kept, with endsAt set to now.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  async expire(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.silences.expire(principal, id);
  }
}
