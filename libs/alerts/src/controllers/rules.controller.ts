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
import { CreateRuleDto, RuleResponseDto, UpdateRuleDto } from '../dto/rule.dto';
import { RulesService } from '../services/rules.service';

const LIFECYCLE =
  'Every evaluation interval the rule aggregates its metric over (now − windowMinutes, now] per watched agent and compares it with the threshold. ' +
  'Condition true → pending; held for forMinutes → firing (notified); false for keepFiringForMinutes → resolved (notified). One open alert per (rule, agent).';

@ApiTags('alerts')
@Controller('alerts/rules')
export class RulesController {
  constructor(private readonly rules: RulesService) {}

  @Post()
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({ summary: 'Create an alert rule', description: LIFECYCLE + ' Channels must belong to you; agentId must be one of your agents (404).' })
  @ApiCreatedResponse({ type: RuleResponseDto })
  @ApiBadRequestResponse({ description: 'A field is invalid; the message names it.' })
  @ApiConflictResponse({ description: 'You already have MAX_RULES_PER_USER rules (default 500); the message names the cap.' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateRuleDto): Promise<RuleResponseDto> {
    return this.rules.create(principal, dto);
  }

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({ summary: 'Your rules (admins: everyone’s), newest first', description: 'Paged with limit and cursor; X-Next-Cursor carries the next page.' })
  @ApiOkResponse({ type: RuleResponseDto, isArray: true })
  @Paged()
  list(@CurrentPrincipal() principal: Principal, @Query() query: PageQueryDto): Promise<Page<RuleResponseDto>> {
    return this.rules.list(principal, query);
  }

  @Get(':id')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({ summary: 'One rule', description: LIFECYCLE })
  @ApiOkResponse({ type: RuleResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string): Promise<RuleResponseDto> {
    return this.rules.get(principal, id);
  }

  @Patch(':id')
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({ summary: 'Change a rule', description: 'Disabling it, or changing its agentId, resolves its open alerts (actor: you).' })
  @ApiOkResponse({ type: RuleResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  update(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateRuleDto): Promise<RuleResponseDto> {
    return this.rules.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({ summary: 'Delete a rule', description: 'Its open alerts are resolved and notified first; then its alerts and their history are deleted.' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.rules.remove(principal, id);
  }
}
