import { Injectable } from '@nestjs/common';
import { ActivityEventResponseDto, ActivityLogService, AgentsService } from '@fleetwatch/agents';
import { Clock, DAY_MS, MINUTE_MS, Principal } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { FleetAgentDto, FleetStatusDto, PerformanceRecordDto, PlatformMetricsDto } from '../dto/fleet-status.dto';
import { EventsQueryDto, PerformanceQueryDto } from '../dto/monitoring-query.dto';
import { FleetAgentState, fleetReasons, worstSeverity } from '../fleet/fleet-reasons';
import { FleetRow, MonitoringRepository } from '../repositories/monitoring.repository';
import { RunawayRunRow, RunawayRunsRepository } from '../repositories/runaway-runs.repository';

export function monthBounds(now: Date): { start: Date; next: Date } {
  return {
    start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)),
    next: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)),
  };
}

function toState(row: FleetRow, monthStart: Date, runaway: RunawayRunRow | undefined): FleetAgentState {
  return {
    runawayRun: runaway
      ? { id: runaway.id, name: runaway.name, steps: Number(runaway.steps), startedAt: new Date(runaway.started_at), count: Number(runaway.runaways) }
      : null,
    id: row.id,
    name: row.name,
    status: row.status,
    statusChangedAt: new Date(row.status_changed_at),
    lastSampleAt: row.last_sample_at ? new Date(row.last_sample_at) : null,
    budget:
      row.monthly_usd === null
        ? null
        : {
            monthlyUsd: Number(row.monthly_usd),
            softThresholdPct: Number(row.soft_threshold_pct),
            pausedThisMonth: row.paused_month === monthStart.toISOString().slice(0, 10),
          },
    monthToDateUsd: Number(row.month_cost ?? 0),
  };
}

@Injectable()
export class MonitoringService {
  constructor(
    private readonly repository: MonitoringRepository,
    private readonly activity: ActivityLogService,
    private readonly agents: AgentsService,
    private readonly clock: Clock,
    private readonly runaways: RunawayRunsRepository,
    private readonly config: AppConfig,
  ) {}

  async metrics(principal: Principal): Promise<PlatformMetricsDto> {
    const now = this.clock.now();
    const [counts, events] = await Promise.all([
      this.repository.agentCounts(principal),
      this.activity.countBetween(principal, new Date(now.getTime() - DAY_MS), now),
    ]);
    return {
      agents_total: Number(counts.total),
      agents_running: Number(counts.running),
      agents_stopped: Number(counts.stopped),
      agents_error: Number(counts.error),
      events_today: events,
    };
  }

  async fleetStatus(principal: Principal): Promise<FleetStatusDto> {
    const now = this.clock.now();
    const month = monthBounds(now);
    const { runawayRunMaxSteps, runawayRunMaxMinutes } = this.config.monitoring;
    const [rows, runaways] = await Promise.all([
      this.repository.fleet(principal, month.start, month.next),
      this.runaways.find(principal, runawayRunMaxSteps, new Date(now.getTime() - runawayRunMaxMinutes * MINUTE_MS)),
    ]);
    const runawayByAgent = new Map(runaways.map((r) => [r.agent_id, r]));
    const attention: FleetAgentDto[] = [];
    for (const row of rows) {
      const reasons = fleetReasons(toState(row, month.start, runawayByAgent.get(row.id)), now);
      if (reasons.length === 0) continue;
      attention.push({ agentId: row.id, name: row.name, status: row.status, severity: worstSeverity(reasons), reasons });
    }
    // Rows come ordered by name; a stable sort keeps that order inside each severity.
    attention.sort((a, b) => (a.severity === b.severity ? 0 : a.severity === 'error' ? -1 : 1));
    return { generatedAt: now.toISOString(), total: rows.length, attentionCount: attention.length, agents: attention };
  }

  async events(principal: Principal, query: EventsQueryDto): Promise<ActivityEventResponseDto[]> {
    if (query.agentId) await this.agents.getVisible(query.agentId, principal);
    return this.activity.list(principal, { agentId: query.agentId, limit: query.limit ?? 50 });
  }

  async performance(principal: Principal, query: PerformanceQueryDto): Promise<PerformanceRecordDto[]> {
    const since = query.since ? new Date(query.since) : new Date(this.clock.now().getTime() - DAY_MS);
    const rows = await this.repository.requests(principal, since, query.limit ?? 1000);
    return rows.map((r) => ({
      value: Number(r.duration_ms),
      metadata: { method: r.method, path: r.route, status: Number(r.status) },
      recorded_at: new Date(r.ts).toISOString(),
    }));
  }
}
