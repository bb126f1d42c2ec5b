import { Injectable } from '@nestjs/common';
import { ActivityLogService } from '@fleetwatch/agents';
import { Clock, DAY_MS, Principal } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { calendarStarts } from '../windows/calendar';
import { floorHour, round } from '../format/numbers';
import { AccountAccessService } from './account-access.service';
import { HeartbeatService, UPTIME_WINDOW_DAYS } from './heartbeat.service';
import { PlatformMetricsResponseDto } from '../dto/platform-metrics.dto';
import { BYTES_PER_ROW, PlatformMetricsRepository } from '../repositories/platform-metrics.repository';
import { storageQuotaMb } from '../format/plan-quota';

const MB = 1024 * 1024;

function percent(part: number, whole: number): number {
  return whole > 0 ? round((part / whole) * 100) : 0;
}

@Injectable()
export class PlatformMetricsService {
  constructor(
    private readonly repository: PlatformMetricsRepository,
    private readonly heartbeat: HeartbeatService,
    private readonly activity: ActivityLogService,
    private readonly accounts: AccountAccessService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async get(principal: Principal): Promise<PlatformMetricsResponseDto> {
    const now = this.clock.now();
    const dayAgo = new Date(now.getTime() - DAY_MS);
    const retentionStart = new Date(now.getTime() - this.config.telemetry.rawRetentionDays * DAY_MS);
    const [agents, deployments, messages, shares, platformUptime, calls, samples, telemetryRows, events, plan] = await Promise.all([
      this.repository.agentCounts(principal),
      this.repository.deploymentCounts(principal),
      this.repository.messageSums(principal, calendarStarts(now), floorHour(now), now),
      this.repository.agentRunningShares(principal, new Date(now.getTime() - UPTIME_WINDOW_DAYS * DAY_MS), now),
      this.heartbeat.platformUptimePercent(),
      this.repository.callStats(principal, dayAgo, now),
      this.repository.sampleAverages(principal, ['cpu', 'memory'], dayAgo, now),
      this.repository.storedTelemetryRows(principal, retentionStart),
      this.activity.count(principal),
      this.accounts.plan(principal.userId),
    ]);
    const rows = { ...telemetryRows, events };
    const agentShares = shares.filter((s) => s.window > 0).map((s) => s.running / s.window);
    const totalCalls = calls.llmCalls + calls.toolCalls;
    const errors = calls.llmErrors + calls.toolErrors;
    const usedMb =
      (rows.samples * BYTES_PER_ROW.samples + rows.llm * BYTES_PER_ROW.llm + rows.tool * BYTES_PER_ROW.tool + rows.events * BYTES_PER_ROW.events) / MB;
    const totalMb = storageQuotaMb(plan);
    return {
      metrics: {
        agents: { total: agents.total, active: agents.running, inactive: agents.stopped, failed: agents.error },
        messages: { today: messages.day, thisWeek: messages.week, thisMonth: messages.month },
        deployments: { total: deployments.total, successful: deployments.succeeded, failed: deployments.failed },
        uptime: {
          platformUptime,
          averageAgentUptime: agentShares.length ? round((agentShares.reduce((a, b) => a + b, 0) / agentShares.length) * 100) : 0,
        },
        performance: {
          averageResponseTime: round(calls.latencyAvg),
          successRate: percent(totalCalls - errors, totalCalls),
          errorRate: percent(errors, totalCalls),
          cpu: round(samples.cpu ?? 0),
          memory: round(samples.memory ?? 0),
        },
        storage: { used: round(usedMb), total: totalMb, percentUsed: percent(usedMb, totalMb) },
      },
      timestamp: now.toISOString(),
      status: 'ok',
      plan,
    };
  }
}
