import { Body, Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, uuidParam, Principal, Page, Paged } from '@fleetwatch/common';
import { AlertActionDto, AlertHistoryEntryDto, AlertResponseDto, ListAlertsQueryDto } from '../dto/alert.dto';
import { AlertsDashboardDto } from '../dto/dashboard.dto';
import { DeliveryResponseDto, ListDeliveriesQueryDto } from '../dto/delivery.dto';
import { AlertActionsService } from '../services/alert-actions.service';
import { AlertsQueryService } from '../services/alerts-query.service';

@ApiTags('alerts')
@Controller('alerts')
export class AlertsController {
  constructor(
    private readonly query: AlertsQueryService,
    private readonly actions: AlertActionsService,
  ) {}

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Alerts of your rules (admins: all), newest start first',
    description:
      'Filters status, severity, agentId; limit default 50, max 500, and cursor: X-Next-Cursor carries the next page. `value` is the observed aggregate that crossed the threshold (at start, updated when it fired).',
  })
  @ApiOkResponse({ type: AlertResponseDto, isArray: true })
  @Paged()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAlertsQueryDto): Promise<Page<AlertResponseDto>> {
    return this.query.list(principal, query);
  }

  @Get('dashboard')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Alert counts, noisiest rules, MTTA and MTTR',
    description:
      'Counts of open alerts by status and severity, plus alerts resolved in the last 7 days; the 5 rules with the most alerts fired in 7 days; ' +
      'mean seconds from firedAt to acknowledgedAt (acknowledged in 7 days) and from firedAt to resolvedAt (fired alerts resolved in 7 days).',
  })
  @ApiOkResponse({ type: AlertsDashboardDto })
  dashboard(@CurrentPrincipal() principal: Principal): Promise<AlertsDashboardDto> {
    return this.query.dashboard(principal);
  }

  @Get('deliveries')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'The notification outbox, newest first',
    description:
      'pending rows are retried with exponential backoff (ALERT_DELIVERY_BACKOFF_SECONDS · 2^(attempts−1)) until delivered or ALERT_DELIVERY_MAX_ATTEMPTS is reached (failed).',
  })
  @ApiOkResponse({ type: DeliveryResponseDto, isArray: true })
  @Paged()
  deliveries(@CurrentPrincipal() principal: Principal, @Query() query: ListDeliveriesQueryDto): Promise<Page<DeliveryResponseDto>> {
    return this.query.deliveries(principal, query);
  }

  @Get(':id/history')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({ summary: 'Every transition of an alert, oldest first', description: 'actor is `system` (evaluation) or the user id.' })
  @ApiOkResponse({ type: AlertHistoryEntryDto, isArray: true })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  history(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string): Promise<AlertHistoryEntryDto[]> {
    return this.query.history(principal, id);
  }

  @Post(':id/acknowledge')
  @HttpCode(200)
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({ summary: 'Acknowledge a firing alert', description: 'Stays open, notifies alert.acknowledged once, and stops repeat notifications.' })
  @ApiOkResponse({ type: AlertResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  @ApiConflictResponse({ description: 'The alert is not firing.' })
  acknowledge(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: AlertActionDto): Promise<AlertResponseDto> {
    return this.actions.acknowledge(principal, id, dto?.note);
  }

  @Post(':id/resolve')
  @HttpCode(200)
  @Authenticated({ scope: 'alerts:write' })
  @ApiOperation({
    summary: 'Resolve an open alert by hand',
    description:
      'Notifies alert.resolved if it had fired. If the condition still holds, the next evaluation starts a new pending alert, which fires again after forMinutes.',
  })
  @ApiOkResponse({ type: AlertResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  @ApiConflictResponse({ description: 'Already resolved.' })
  resolve(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: AlertActionDto): Promise<AlertResponseDto> {
    return this.actions.resolve(principal, id, dto?.note);
  }
}
