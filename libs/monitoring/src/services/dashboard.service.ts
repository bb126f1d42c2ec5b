import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { AlertsQueryService } from '@fleetwatch/alerts';
import { Clock, HOUR_MS, Principal } from '@fleetwatch/common';
import { DashboardDto, DashboardHealthDto, DashboardTrendPointDto } from '../dto/dashboard.dto';
import { MonitoringHealthDto } from '../dto/monitoring-health.dto';
import { DashboardQueryDto } from '../dto/monitoring-query.dto';
import { MonitoringHealthService } from './monitoring-health.service';
import { MonitoringService } from './monitoring.service';
import { DashboardRepository } from '../repositories/dashboard.repository';

const num = (v: unknown): number | null => (v === null || v === undefined ? null : Number(v));

@Injectable()
export class DashboardService {
  constructor(
    private readonly repository: DashboardRepository,
    private readonly monitoring: MonitoringService,
    private readonly health: MonitoringHealthService,
    private readonly alerts: AlertsQueryService,
    private readonly clock: Clock,
  ) {}

  async dashboard(principal: Principal, query: DashboardQueryDto): Promise<DashboardDto> {
    const hours = query.hours ?? 24;
    const now = this.clock.now();
    const firstHour = new Date((Math.floor(now.getTime() / HOUR_MS) - (hours - 1)) * HOUR_MS);
    const currentHour = new Date(firstHour.getTime() + (hours - 1) * HOUR_MS);
    const from = new Date(now.getTime() - hours * HOUR_MS);
    const [report, fleet, metrics, current, trends, activeAlerts, troubled, endpoints] = await Promise.all([
      this.healthReport(principal),
      this.monitoring.fleetStatus(principal),
      this.monitoring.metrics(principal),
      this.repository.current(principal, now),
      this.trends(principal, firstHour, hours),
      this.alerts.activeAlerts(principal, 20),
      this.repository.troubled(principal, firstHour, currentHour, now, 5),
      this.repository.slowestEndpoints(principal, from, now, 10),
    ]);
    const llmCalls = Number(current.llm_calls);
    const health: DashboardHealthDto = {
      status: report.status === 'down' ? 'unhealthy' : fleet.agents.some((a) => a.severity === 'error') ? 'degraded' : 'healthy',
      database: report.database.status,
      databaseLatencyMs: report.database.latencyMs,
      jobsDown: report.jobs.filter((j) => j.status === 'late' || j.status === 'failing').length,
      agentsNeedingAttention: fleet.attentionCount,
    };
    return {
      generatedAt: now.toISOString(),
      hours,
      health,
      current: {
        agentsTotal: metrics.agents_total,
        agentsRunning: metrics.agents_running,
        agentsError: metrics.agents_error,
        cpuPercent: num(current.cpu),
        memoryPercent: num(current.memory),
        llmCallsLastHour: llmCalls,
        llmErrorRateLastHour: llmCalls === 0 ? 0 : Number(current.llm_errors) / llmCalls,
        llmLatencyMsLastHour: num(current.llm_latency),
        apiRequestsLastHour: Number(current.api_requests),
        apiP95MsLastHour: num(current.api_p95),
      },
      trends,
      activeAlerts,
      troubledAgents: troubled.map((t) => ({
        agentId: t.id,
        name: t.name,
        status: t.status,
        calls: Number(t.calls),
        errors: Number(t.errors),
        errorRate: Number(t.calls) === 0 ? 0 : Number(t.errors) / Number(t.calls),
      })),
      slowestEndpoints: endpoints.map((e) => ({
        method: e.method,
        path: e.route,
        requests: Number(e.requests),
        avgMs: Number(e.avg_ms),
        p95Ms: Number(e.p95_ms),
        serverErrors: Number(e.server_errors),
      })),
    };
  }

  /**
   * Hourly points: complete hours from the rollups (cheap over 720 hours of a whole fleet, and kept
   * beyond raw retention), the current hour from raw rows (the rollup job has not seen all of it).
   */
  private async trends(principal: Principal, firstHour: Date, hours: number): Promise<DashboardTrendPointDto[]> {
    const lastHour = new Date(firstHour.getTime() + (hours - 1) * HOUR_MS);
    const rows = await this.repository.trends(principal, firstHour, lastHour, lastHour, new Date(lastHour.getTime() + HOUR_MS));
    return rows.map((t) => ({
      hour: new Date(t.hour).toISOString(),
      cpu: num(t.cpu),
      memory: num(t.memory),
      latencyMs: num(t.latency),
      errors: Number(t.errors),
    }));
  }

  /** The health report whether or not it is a 503: the dashboard shows it either way. */
  private async healthReport(principal: Principal): Promise<MonitoringHealthDto> {
    try {
      return await this.health.check(principal);
    } catch (error) {
      if (error instanceof ServiceUnavailableException) return error.getResponse() as MonitoringHealthDto;
      throw error;
    }
  }
}
