import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import { ActivityEventResponseDto } from '@fleetwatch/agents';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { DashboardService } from '../services/dashboard.service';
import { DashboardDto } from '../dto/dashboard.dto';
import { FleetStatusDto, PerformanceRecordDto, PlatformMetricsDto } from '../dto/fleet-status.dto';
import { MonitoringHealthDto } from '../dto/monitoring-health.dto';
import { DATABASE_PING_SQL } from '../repositories/monitoring-health.sql';
import { DashboardQueryDto, EventsQueryDto, PerformanceQueryDto } from '../dto/monitoring-query.dto';
import { MonitoringHealthService } from '../services/monitoring-health.service';
import { MonitoringService } from '../services/monitoring.service';

@ApiTags('monitoring')
@Controller('monitoring')
export class MonitoringController {
  constructor(
    private readonly monitoring: MonitoringService,
    private readonly dashboards: DashboardService,
    private readonly health: MonitoringHealthService,
  ) {}

  @Get('metrics')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Platform metrics summary (seed 004)',
    description:
      'Counts over your agents (admins: all). `agents_error` counts agents in `error` or `warning`; `events_today` counts activity events in the 24 hours before now (not the calendar day).',
  })
  @ApiOkResponse({ type: PlatformMetricsDto })
  metrics(@CurrentPrincipal() principal: Principal): Promise<PlatformMetricsDto> {
    return this.monitoring.metrics(principal);
  }

  @Get('fleet-status')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Agents needing attention, with reasons (seed 004)',
    description:
      'Computed at read time from stored state. `error` (status error) and `budget_paused` (stopped by its hard budget cap this UTC month) have severity error; ' +
      '`warning` (status warning), `stuck_deploying` (queued or deploying for more than 10 minutes by `status_changed_at`), ' +
      '`budget_warning` (a running agent whose month-to-date cost reached its soft threshold) and `telemetry_stalled` (a running agent with no resource sample — container telemetry — for more than 5 minutes, ' +
      'measured from the later of its latest sample and the moment it became running; LLM or tool calls alone do not count) and `runaway_run` ' +
      '(a run still `running` with more than RUNAWAY_RUN_MAX_STEPS steps — LLM plus tool calls, default 200 — or started more than RUNAWAY_RUN_MAX_MINUTES ago, default 60; ' +
      'the label names its oldest such run) have severity warning. ' +
      'Agents with an error reason come first, then by name; within an agent, error reasons first.',
  })
  @ApiOkResponse({ type: FleetStatusDto })
  fleetStatus(@CurrentPrincipal() principal: Principal): Promise<FleetStatusDto> {
    return this.monitoring.fleetStatus(principal);
  }

  @Get('events')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Activity log, newest first (seed 004)',
    description: 'Your agents’ events (admins: all); `limit` default 50, max 500. An `agentId` that is not yours answers 404.',
  })
  @ApiOkResponse({ type: ActivityEventResponseDto, isArray: true })
  @ApiNotFoundResponse({ description: 'agentId unknown, or not yours.' })
  events(@CurrentPrincipal() principal: Principal, @Query() query: EventsQueryDto): Promise<ActivityEventResponseDto[]> {
    return this.monitoring.events(principal, query);
  }

  @Get('performance')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'The service’s own API request timings (seed 004)',
    description:
      'One record per API request since `since` (default 24 h ago), newest first: `value` is the response time in ms, `metadata.path` the route pattern. ' +
      'You see your own requests; admins see all. Requests are recorded after their response is sent, buffered in memory and written in batches ' +
      '(every REQUEST_LOG_FLUSH_MS, default 1 s, or every REQUEST_LOG_BATCH_SIZE rows, and at shutdown), so records appear up to one flush interval late ' +
      'and a crash loses at most one flush interval (while the database is reachable; during an outage up to 50,000 rows wait in memory for the next timer flush, oldest dropped first).',
  })
  @ApiOkResponse({ type: PerformanceRecordDto, isArray: true })
  performance(@CurrentPrincipal() principal: Principal, @Query() query: PerformanceQueryDto): Promise<PerformanceRecordDto[]> {
    return this.monitoring.performance(principal, query);
  }

  @Get('dashboard')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Monitoring dashboard (seed 002)',
    description:
      'Health overview (from /api/monitoring/health and the fleet roll-up), current figures from raw rows (last 5 minutes of samples, last hour of calls and requests), ' +
      'hourly trends over `hours` (default 24; cpu and memory: mean of samples; latency: mean LLM latency; errors: failed LLM plus tool calls) — complete hours from the hourly rollups ' +
      '(Σsum / Σcount over your agents, as current as the last pass of the rollup job, which runs every minute), the current hour from raw rows; ' +
      'open alerts, the most troubled agents and the slowest endpoints by p95 (raw request rows). Your agents and requests; admins: all.',
  })
  @ApiOkResponse({ type: DashboardDto })
  dashboard(@CurrentPrincipal() principal: Principal, @Query() query: DashboardQueryDto): Promise<DashboardDto> {
    return this.dashboards.dashboard(principal, query);
  }

  @Get('health')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Component status: database, scheduled jobs, notification backlog',
    description:
      `Database latency of \`${DATABASE_PING_SQL}\` (down when it fails or exceeds 1 s); each scheduled job from job_runs with its last run and lag = max(0, now − last start − interval) ` +
      '(down when its last run failed, or when the lag exceeds two intervals — read from job_runs, shared by every replica, so an API-only replica reports a stalled worker); ' +
      'the alert notification outbox backlog (deliveries still pending, all owners; down when it cannot be counted). ' +
      'Any component down → 503 with the same body. `lastError` and `database.error` carry the failure text for admins only; other callers get ' +
      'a generic reason (`last run failed`, `database unreachable`), since job errors can quote SQL.',
  })
  @ApiOkResponse({ type: MonitoringHealthDto })
  @ApiServiceUnavailableResponse({ type: MonitoringHealthDto, description: 'A component is down.' })
  componentHealth(@CurrentPrincipal() principal: Principal): Promise<MonitoringHealthDto> {
    return this.health.check(principal);
  }
}
