import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiInternalServerErrorResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, FailureBody, Principal } from '@fleetwatch/common';
import { HistoricalQueryDto, HistoricalResponseDto, MusicSummaryDto, UserPerformanceDto } from '../dto/user-metrics.dto';
import { HistoricalService } from '../services/historical.service';
import { MusicSummaryService } from '../services/music-summary.service';
import { MetricsFailureDto, PlatformMetricsResponseDto } from '../dto/platform-metrics.dto';
import { PlatformMetricsService } from '../services/platform-metrics.service';

const KEYED_BY_USER = 'Your own user id; another user’s → 403 (admins may read anyone; an unknown user → 404 for them).';

@ApiTags('metrics (seed 000)')
@Controller('metrics')
export class MetricsController {
  constructor(
    private readonly platform: PlatformMetricsService,
    private readonly historicalMetrics: HistoricalService,
    private readonly music: MusicSummaryService,
  ) {}

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @FailureBody({ error: 'Failed to fetch metrics', metrics: {} })
  @ApiOperation({
    summary: 'Platform metrics over your agents (admins: all agents)',
    description:
      'agents: counts by status (active = running, inactive = stopped, failed = error). ' +
      'messages: sum of `messages` sample values since 00:00 UTC today / Monday 00:00 UTC / the 1st of the month 00:00 UTC, up to now ' +
      '(hourly rollups for whole hours, raw rows for the current hour). deployments: all, `succeeded`, `failed`. ' +
      'uptime.platformUptime: percent of minutes with a service heartbeat (recorded every minute by each replica with jobs enabled) ' +
      'from max(now − 30 d, first heartbeat) to now, the current minute counting as up. uptime.averageAgentUptime: for each agent, the ' +
      'share of [max(now − 30 d, created), now] spent in status `running` per its status history; the mean over agents, in percent. ' +
      'performance (last 24 h): averageResponseTime = mean LLM call latency (ms); successRate / errorRate = percent of LLM and tool calls ' +
      'with status success / error (0 and 0 without calls); cpu / memory = mean of the `cpu` / `memory` samples. ' +
      'storage.used: MB estimated as stored rows × bytes per row (samples 160 B, LLM calls 230 B, tool calls 170 B, events 260 B, ' +
      'heap plus indexes), counting raw telemetry within raw retention and all activity events; storage.total: the plan’s quota ' +
      '(solo or none 1024, collective 5120, label 20480, network 102400 MB); percentUsed = used / total × 100. Values are rounded ' +
      'to 2 decimals. plan: the caller’s plan. An unexpected failure answers 500 `{error, metrics: {}}`; a database outage 503.',
  })
  @ApiOkResponse({ type: PlatformMetricsResponseDto })
  @ApiInternalServerErrorResponse({ type: MetricsFailureDto })
  metrics(@CurrentPrincipal() principal: Principal): Promise<PlatformMetricsResponseDto> {
    return this.platform.get(principal);
  }

  @Get(':userId/historical')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Hourly history over the user’s agents',
    description:
      `${KEYED_BY_USER} One point per UTC hour that has data, from the hour 23 / 167 / 719 hours before the current one through ` +
      'the current hour (24h / 7d / 30d), read from the per-user hourly rollups (refreshed every minute): cpu and memory = mean of ' +
      'every sample of the user’s agents in the hour; messages and errors = sum of the sample values. averages = mean of each field ' +
      'over the points. With no rollup in range, one point built from each agent’s latest samples (cpu/memory averaged across ' +
      'agents, messages/errors summed, timestamp = the newest of them); none at all → an empty list and zero averages. Rounded to 2 decimals.',
  })
  @ApiOkResponse({ type: HistoricalResponseDto })
  @ApiBadRequestResponse({ description: 'range is not 24h, 7d or 30d.' })
  @ApiNotFoundResponse({ description: 'Admins only: no such user.' })
  historical(@CurrentPrincipal() principal: Principal, @Param('userId') userId: string, @Query() query: HistoricalQueryDto): Promise<HistoricalResponseDto> {
    return this.historicalMetrics.historical(principal, userId, query.range);
  }

  @Get(':userId/performance')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Current performance of the user’s agents',
    description:
      `${KEYED_BY_USER} cpu / memory: mean over the user’s agents of each agent’s latest cpu / memory sample of the last 24 h ` +
      '(0 without any). errorRate: percent of the last hour’s LLM and tool calls with status error. responseTime: mean latency ' +
      '(ms) of the last hour’s LLM calls (0 without any). Rounded to 2 decimals.',
  })
  @ApiOkResponse({ type: UserPerformanceDto })
  performance(@CurrentPrincipal() principal: Principal, @Param('userId') userId: string): Promise<UserPerformanceDto> {
    return this.historicalMetrics.performance(principal, userId);
  }

  @Get(':userId/summary')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Music-industry summary from the user’s domain events',
    description:
      `${KEYED_BY_USER} Computed from activity events sent through ingest (months are UTC calendar months). ` +
      'revenue: sum of `revenue` metadata.amountUsd this month / all time, as "$1,234.50"; change = this month vs last month. ' +
      'bookings: `booking` events by metadata.status (completed, pending); conversion = completed / (completed + pending + inquiry). ' +
      'fans: one `fan` event is one fan; total, active (metadata.active true), segmentation by metadata.segment; growth = fans added ' +
      'this month vs last month. streams: sum over agents of each agent’s latest `streams` event (monthlyListeners, monthlyStreams); ' +
      'growth = that monthlyStreams vs the same figure as of the end of last month. skills: skills by metadata.name with the status of ' +
      'their latest `skill` event; active = status active, total = distinct names; growth = active now vs active at the end of last ' +
      'month. Changes are whole percents with a sign ("+12%", "-3%"), "+0%" from 0 to 0 and "+100%" from 0 to anything positive. ' +
      'Limit: events are raw telemetry, kept RAW_RETENTION_DAYS (30 by default); "all time" totals cover the events still retained, ' +
      'and a month partly past retention counts only its retained part.',
  })
  @ApiOkResponse({ type: MusicSummaryDto })
  summary(@CurrentPrincipal() principal: Principal, @Param('userId') userId: string): Promise<MusicSummaryDto> {
    return this.music.summary(principal, userId);
  }
}
