import { Injectable } from '@nestjs/common';
import { Clock, DAY_MS, Principal } from '@fleetwatch/common';
import { ownerScope } from '../shared/owner-scope';
import { ratio } from '../shared/time-range';
import { diffConfigurations } from '../deployments/configuration-diff';
import {
  CompareDeploymentsQueryDto,
  DeploymentComparisonResponseDto,
  DeploymentMetricsPointDto,
  DeploymentMetricsQueryDto,
  DeploymentSideDto,
  DeploymentSummaryQueryDto,
  DeploymentSummaryResponseDto,
  TelemetryWindowDto,
} from '../dto/deployment-analytics.dto';
import { DeploymentAnalyticsRepository, DeploymentFilter, DeploymentRow, StatusCounts } from '../repositories/deployment-analytics.repository';
import { AnalyticsError } from '../errors/analytics.error';

const WINDOW_MS = DAY_MS;

function counts(r: StatusCounts) {
  return { pending: r.pending, in_progress: r.in_progress, succeeded: r.succeeded, failed: r.failed };
}

@Injectable()
export class DeploymentAnalyticsService {
  constructor(
    private readonly repository: DeploymentAnalyticsRepository,
    private readonly clock: Clock,
  ) {}

  private filter(principal: Principal, query: DeploymentSummaryQueryDto): DeploymentFilter & { days: number } {
    const now = this.clock.now();
    const days = query.days ?? 30;
    return { since: new Date(now.getTime() - days * DAY_MS), until: now, environment: query.environment, ownerId: ownerScope(principal), days };
  }

  async summary(principal: Principal, query: DeploymentSummaryQueryDto): Promise<DeploymentSummaryResponseDto> {
    const filter = this.filter(principal, query);
    const r = await this.repository.summary(filter);
    return {
      environment: query.environment ?? null,
      days: filter.days,
      since: filter.since.toISOString(),
      total: r.total,
      byStatus: counts(r),
      successRate: ratio(r.succeeded, r.succeeded + r.failed),
      durationMs: { p50: r.p50, p95: r.p95, average: r.avg },
    };
  }

  async metrics(principal: Principal, query: DeploymentMetricsQueryDto): Promise<DeploymentMetricsPointDto[]> {
    const rows = await this.repository.series(this.filter(principal, query), query.interval ?? 'day');
    return rows.map((r) => ({
      bucketStart: new Date(r.bucket_start).toISOString(),
      total: r.total,
      byStatus: counts(r),
      successRate: ratio(r.succeeded, r.succeeded + r.failed),
    }));
  }

  async compare(principal: Principal, query: CompareDeploymentsQueryDto): Promise<DeploymentComparisonResponseDto> {
    const ownerId = ownerScope(principal);
    const [a, b] = await Promise.all([this.repository.findVisible(query.a, ownerId), this.repository.findVisible(query.b, ownerId)]);
    if (!a) throw AnalyticsError.deploymentNotFound(query.a);
    if (!b) throw AnalyticsError.deploymentNotFound(query.b);
    return {
      a: await this.side(a),
      b: await this.side(b),
      configurationDiff: diffConfigurations(a.configuration ?? {}, b.configuration ?? {}),
    };
  }

  private async side(d: DeploymentRow): Promise<DeploymentSideDto> {
    const finished = d.finished_at ? new Date(d.finished_at) : null;
    const started = d.started_at ? new Date(d.started_at) : null;
    return {
      id: d.id,
      agentId: d.agent_id,
      environment: d.environment,
      version: d.version,
      status: d.status,
      error: d.error,
      createdAt: new Date(d.created_at).toISOString(),
      startedAt: started?.toISOString() ?? null,
      finishedAt: finished?.toISOString() ?? null,
      durationMs: started && finished ? finished.getTime() - started.getTime() : null,
      before: finished ? await this.window(d.agent_id, new Date(finished.getTime() - WINDOW_MS), finished) : null,
      after: finished ? await this.window(d.agent_id, finished, new Date(finished.getTime() + WINDOW_MS)) : null,
    };
  }

  private async window(agentId: string, start: Date, end: Date): Promise<TelemetryWindowDto> {
    const w = await this.repository.window(agentId, start, end);
    return {
      start: start.toISOString(),
      end: end.toISOString(),
      llmCalls: w.llmCalls,
      llmErrors: w.llmErrors,
      toolCalls: w.toolCalls,
      toolErrors: w.toolErrors,
      errorRate: ratio(w.llmErrors + w.toolErrors, w.llmCalls + w.toolCalls),
      llmLatencyP95Ms: w.llmLatencyP95,
      streamedLlmCalls: w.ttft.streamedCalls,
      ttftP50Ms: w.ttft.p50,
      ttftP95Ms: w.ttft.p95,
      ttftP99Ms: w.ttft.p99,
      costUsd: w.costUsd,
      costPerCall: ratio(w.costUsd, w.llmCalls),
    };
  }
}
