import { TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { agentScopeSql } from './agent-scope.sql';
import { numberOrNull } from '../shared/time-range';

export interface ToolFilter {
  start: Date;
  end: Date;
  tool?: string;
  /** undefined: every owner. */
  ownerId?: string;
}

export interface ToolTotals {
  calls: number;
  errors: number;
  avgMs: number | null;
}

export interface ToolRawStats extends ToolTotals {
  tool: string;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}

export interface ToolErrorCount {
  tool: string;
  errorType: string;
  count: number;
}

export interface ToolCallRow {
  id: string;
  agent_id: string;
  tool: string;
  duration_ms: number;
  status: string;
  error_type: string | null;
  trace_id: string | null;
  ts: Date;
}

/** Hand-written reads over raw `tool_calls` rows (partition-pruned by the ts range). */
@Injectable()
export class ToolCallsRepository {
  constructor(private readonly em: EntityManager) {}

  private where(filter: ToolFilter, params: unknown[]): string {
    params.push(filter.start, filter.end);
    let sql = 'ts >= ? and ts < ?';
    if (filter.tool !== undefined) {
      sql += ' and tool = ?';
      params.push(filter.tool);
    }
    return sql + agentScopeSql('agent_id', filter.ownerId, params);
  }

  async totals(filter: ToolFilter): Promise<ToolTotals> {
    const params: unknown[] = [];
    const rows = await this.em.getConnection().execute<{ calls: number; errors: number; avg_ms: number | null }[]>(
      `select count(*)::int as calls, (count(*) filter (where status = 'error'))::int as errors, avg(duration_ms) as avg_ms
       from ${TOOL_CALLS_TABLE} where ${this.where(filter, params)}`,
      params,
    );
    return { calls: rows[0].calls, errors: rows[0].errors, avgMs: numberOrNull(rows[0].avg_ms) };
  }

  /** Exact percentiles: percentile_cont interpolates linearly between the two nearest ranks. */
  async byTool(filter: ToolFilter): Promise<ToolRawStats[]> {
    const params: unknown[] = [];
    const rows = await this.em.getConnection().execute<{ tool: string; calls: number; errors: number; avg_ms: number | null; p: (number | null)[] }[]>(
      `select tool, count(*)::int as calls, (count(*) filter (where status = 'error'))::int as errors, avg(duration_ms) as avg_ms,
              percentile_cont(array[0.5, 0.95, 0.99]) within group (order by duration_ms) as p
       from ${TOOL_CALLS_TABLE} where ${this.where(filter, params)}
       group by tool order by calls desc, tool collate "C"`,
      params,
    );
    return rows.map((r) => ({
      tool: r.tool,
      calls: r.calls,
      errors: r.errors,
      avgMs: numberOrNull(r.avg_ms),
      p50: numberOrNull(r.p[0]),
      p95: numberOrNull(r.p[1]),
      p99: numberOrNull(r.p[2]),
    }));
  }

  async errorTypes(filter: ToolFilter): Promise<ToolErrorCount[]> {
    const params: unknown[] = [];
    const rows = await this.em.getConnection().execute<{ tool: string; error_type: string; n: number }[]>(
      `select tool, coalesce(error_type, 'unknown') as error_type, count(*)::int as n
       from ${TOOL_CALLS_TABLE} where status = 'error' and ${this.where(filter, params)}
       group by 1, 2 order by tool, n desc, error_type`,
      params,
    );
    return rows.map((r) => ({ tool: r.tool, errorType: r.error_type, count: r.n }));
  }

  async recent(filter: ToolFilter, limit: number): Promise<ToolCallRow[]> {
    const params: unknown[] = [];
    const where = this.where(filter, params);
    params.push(limit);
    return this.em.getConnection().execute<ToolCallRow[]>(
      `select id, agent_id, tool, duration_ms, status, error_type, trace_id, ts
       from ${TOOL_CALLS_TABLE} where ${where} order by ts desc, id desc limit ?`,
      params,
    );
  }
}
