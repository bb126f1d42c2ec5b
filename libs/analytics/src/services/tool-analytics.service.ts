import { Injectable } from '@nestjs/common';
import { Clock, DAY_MS, Principal } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { ownerScope } from '../shared/owner-scope';
import { useRawRows } from '../shared/raw-window';
import { ratio, resolveRange } from '../shared/time-range';
import { ToolCallResponseDto, ToolStatsResponseDto, ToolSummaryResponseDto, ToolAnalyticsQueryDto, RecentToolCallsQueryDto } from '../dto/tool-analytics.dto';
import { ToolCallsRepository, ToolErrorCount, ToolFilter } from '../repositories/tool-calls.repository';
import { ToolRollupRepository } from '../repositories/tool-rollup.repository';

const TOP_ERRORS = 5;

@Injectable()
export class ToolAnalyticsService {
  constructor(
    private readonly raw: ToolCallsRepository,
    private readonly rollups: ToolRollupRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  private filter(principal: Principal, query: ToolAnalyticsQueryDto, defaultSpanMs = 7 * DAY_MS): ToolFilter {
    const range = resolveRange(this.clock.now(), { start: query.start_date, end: query.end_date }, defaultSpanMs, { start: 'start_date', end: 'end_date' });
    return { ...range, tool: query.tool_name, ownerId: ownerScope(principal, query.user_id) };
  }

  private exact(filter: ToolFilter): boolean {
    return useRawRows(filter, this.clock.now(), this.config);
  }

  async summary(principal: Principal, query: ToolAnalyticsQueryDto): Promise<ToolSummaryResponseDto> {
    const filter = this.filter(principal, query);
    const exact = this.exact(filter);
    const totals = exact ? await this.raw.totals(filter) : await this.rollups.totals(filter);
    return {
      startDate: filter.start.toISOString(),
      endDate: filter.end.toISOString(),
      totalCalls: totals.calls,
      successfulCalls: totals.calls - totals.errors,
      totalErrors: totals.errors,
      successRate: ratio(totals.calls - totals.errors, totals.calls),
      averageDurationMs: totals.avgMs,
      source: exact ? 'raw' : 'rollup',
    };
  }

  async byTool(principal: Principal, query: ToolAnalyticsQueryDto): Promise<ToolStatsResponseDto[]> {
    const filter = this.filter(principal, query);
    const exact = this.exact(filter);
    const [stats, errors] = await Promise.all([
      exact ? this.raw.byTool(filter) : this.rollups.byTool(filter),
      exact ? this.raw.errorTypes(filter) : this.rollups.errorTypes(filter),
    ]);
    const errorsByTool = groupErrors(errors);
    return stats.map((s) => ({
      tool: s.tool,
      calls: s.calls,
      successes: s.calls - s.errors,
      errors: s.errors,
      successRate: ratio(s.calls - s.errors, s.calls),
      errorRate: ratio(s.errors, s.calls),
      averageDurationMs: s.avgMs,
      durationMs: { p50: s.p50, p95: s.p95, p99: s.p99 },
      percentiles: exact ? 'exact' : 'histogram',
      commonErrors: (errorsByTool.get(s.tool) ?? []).slice(0, TOP_ERRORS).map((e) => ({ errorType: e.errorType, count: e.count })),
    }));
  }

  async recent(principal: Principal, query: RecentToolCallsQueryDto): Promise<ToolCallResponseDto[]> {
    // Without start_date, "recent" means anything retention still keeps.
    const span = (this.config.telemetry.rawRetentionDays + 1) * DAY_MS;
    const rows = await this.raw.recent(this.filter(principal, query, span), query.limit ?? 50);
    return rows.map((r) => ({
      id: r.id,
      agentId: r.agent_id,
      tool: r.tool,
      durationMs: Number(r.duration_ms),
      status: r.status,
      errorType: r.error_type,
      traceId: r.trace_id,
      ts: new Date(r.ts).toISOString(),
    }));
  }
}

/** Per tool, commonest first; ties by name so answers are stable. */
function groupErrors(errors: ToolErrorCount[]): Map<string, ToolErrorCount[]> {
  const byTool = new Map<string, ToolErrorCount[]>();
  for (const e of errors) byTool.set(e.tool, [...(byTool.get(e.tool) ?? []), e]);
  for (const list of byTool.values()) list.sort((x, y) => y.count - x.count || x.errorType.localeCompare(y.errorType));
  return byTool;
}
