import { ROLLUP_TOOL_TABLE } from '@fleetwatch/rollups';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { agentScopeSql } from './agent-scope.sql';
import { groupHistograms, percentileOf } from '../shared/histogram-rows';
import { numberOrNull } from '../shared/time-range';
import { ToolErrorCount, ToolFilter, ToolRawStats, ToolTotals } from './tool-calls.repository';

/**
 * Long-range tool statistics from the hourly (agent, tool) rollups: the range is widened to the
 * whole hours it touches, and percentiles are read from the merged log-bucket histograms.
 */
@Injectable()
export class ToolRollupRepository {
  constructor(private readonly em: EntityManager) {}

  private where(filter: ToolFilter, params: unknown[]): string {
    params.push(filter.start, filter.end);
    let sql = `hour >= date_trunc('hour', ?::timestamptz, 'UTC') and hour < ?`;
    if (filter.tool !== undefined) {
      sql += ' and tool = ?';
      params.push(filter.tool);
    }
    return sql + agentScopeSql('agent_id', filter.ownerId, params);
  }

  async totals(filter: ToolFilter): Promise<ToolTotals> {
    const params: unknown[] = [];
    const rows = await this.em
      .getConnection()
      .execute<{ calls: string | null; errors: string | null; total_ms: number | null }[]>(
        `select sum(count) as calls, sum(errors) as errors, sum(duration_sum) as total_ms from ${ROLLUP_TOOL_TABLE} where ${this.where(filter, params)}`,
        params,
      );
    const calls = Number(rows[0].calls ?? 0);
    return { calls, errors: Number(rows[0].errors ?? 0), avgMs: calls > 0 ? Number(rows[0].total_ms) / calls : null };
  }

  async byTool(filter: ToolFilter): Promise<ToolRawStats[]> {
    const params: unknown[] = [];
    const where = this.where(filter, params);
    const [totals, buckets] = await Promise.all([
      this.em.getConnection().execute<{ tool: string; calls: string; errors: string; total_ms: number; lo: number; hi: number }[]>(
        `select tool, sum(count) as calls, sum(errors) as errors, sum(duration_sum) as total_ms, min(duration_min) as lo, max(duration_max) as hi
         from ${ROLLUP_TOOL_TABLE} where ${where} group by tool`,
        params,
      ),
      this.em.getConnection().execute<{ key: string; bucket: string; n: string }[]>(
        `select tool as key, h.key as bucket, sum(h.value::bigint) as n
         from ${ROLLUP_TOOL_TABLE}, jsonb_each_text(duration_hist) h where ${where} group by 1, 2`,
        params,
      ),
    ]);
    const histograms = groupHistograms(buckets);
    return totals
      .map((t) => {
        const calls = Number(t.calls);
        const group = { buckets: histograms.get(t.tool) ?? {}, min: Number(t.lo), max: Number(t.hi) };
        return {
          tool: t.tool,
          calls,
          errors: Number(t.errors),
          avgMs: calls > 0 ? numberOrNull(t.total_ms)! / calls : null,
          p50: percentileOf(group, 0.5),
          p95: percentileOf(group, 0.95),
          p99: percentileOf(group, 0.99),
        };
      })
      .sort((x, y) => y.calls - x.calls || (x.tool < y.tool ? -1 : x.tool > y.tool ? 1 : 0));
  }

  async errorTypes(filter: ToolFilter): Promise<ToolErrorCount[]> {
    const params: unknown[] = [];
    const rows = await this.em.getConnection().execute<{ tool: string; error_type: string; n: string }[]>(
      `select tool, e.key as error_type, sum(e.value::bigint) as n
       from ${ROLLUP_TOOL_TABLE}, jsonb_each_text(error_types) e where ${this.where(filter, params)} group by 1, 2`,
      params,
    );
    return rows.map((r) => ({ tool: r.tool, errorType: r.error_type, count: Number(r.n) }));
  }
}
