import { LLM_CALLS_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DEPLOYMENTS_TABLE, joinAgents } from '@fleetwatch/agents';
import { numberOrNull } from '../shared/time-range';
import { DeploymentInterval } from '../dto/deployment-analytics.dto';

export interface DeploymentFilter {
  since: Date;
  until: Date;
  environment?: string;
  ownerId?: string;
}

export interface StatusCounts {
  total: number;
  pending: number;
  in_progress: number;
  succeeded: number;
  failed: number;
}

export interface DeploymentRow {
  id: string;
  agent_id: string;
  environment: string;
  version: string | null;
  status: string;
  error: string | null;
  configuration: Record<string, unknown>;
  created_at: Date;
  started_at: Date | null;
  finished_at: Date | null;
}

export interface WindowStats {
  llmCalls: number;
  llmErrors: number;
  llmLatencyP95: number | null;
  /** Time to first token of the streamed calls (those that reported it). */
  ttft: { streamedCalls: number; p50: number | null; p95: number | null; p99: number | null };
  costUsd: number;
  toolCalls: number;
  toolErrors: number;
}

const COUNTS = `count(d.id)::int as total,
  (count(d.id) filter (where d.status = 'pending'))::int as pending,
  (count(d.id) filter (where d.status = 'in_progress'))::int as in_progress,
  (count(d.id) filter (where d.status = 'succeeded'))::int as succeeded,
  (count(d.id) filter (where d.status = 'failed'))::int as failed`;

@Injectable()
export class DeploymentAnalyticsRepository {
  constructor(private readonly em: EntityManager) {}

  private scoped(filter: DeploymentFilter, params: unknown[]): string {
    params.push(filter.since, filter.until);
    let sql = `select d.* from ${DEPLOYMENTS_TABLE} d ${joinAgents('a', 'd.agent_id')} where d.created_at >= ? and d.created_at < ?`;
    if (filter.environment !== undefined) {
      sql += ' and d.environment = ?';
      params.push(filter.environment);
    }
    if (filter.ownerId !== undefined) {
      sql += ' and a.owner_id = ?';
      params.push(filter.ownerId);
    }
    return sql;
  }

  async summary(filter: DeploymentFilter): Promise<StatusCounts & { p50: number | null; p95: number | null; avg: number | null }> {
    const params: unknown[] = [];
    const rows = await this.em.getConnection().execute<(StatusCounts & { p: (number | null)[] | null; avg: number | null })[]>(
      `with d as (${this.scoped(filter, params)}),
            dur as (select extract(epoch from (finished_at - started_at)) * 1000 as ms from d
                    where status in ('succeeded', 'failed') and started_at is not null and finished_at is not null)
       select ${COUNTS},
              (select percentile_cont(array[0.5, 0.95]) within group (order by ms) from dur) as p,
              (select avg(ms) from dur) as avg
       from d`,
      params,
    );
    const r = rows[0];
    return { ...r, p50: numberOrNull(r.p?.[0]), p95: numberOrNull(r.p?.[1]), avg: numberOrNull(r.avg) };
  }

  /** One row per bucket from the one holding `since` to the one holding `until`, empty buckets included. */
  async series(filter: DeploymentFilter, interval: DeploymentInterval): Promise<(StatusCounts & { bucket_start: Date })[]> {
    const params: unknown[] = [interval, filter.since, interval, filter.until, `1 ${interval}`];
    const scoped = this.scoped(filter, params);
    params.push(interval);
    return this.em.getConnection().execute(
      `with b as (
         select generate_series(date_trunc(?, ?::timestamptz at time zone 'UTC'), date_trunc(?, ?::timestamptz at time zone 'UTC'), ?::interval) as bucket
       ), d as (${scoped})
       select b.bucket at time zone 'UTC' as bucket_start, ${COUNTS}
       from b left join d on date_trunc(?, d.created_at at time zone 'UTC') = b.bucket
       group by b.bucket order by b.bucket`,
      params,
    );
  }

  async findVisible(id: string, ownerId: string | undefined): Promise<DeploymentRow | null> {
    const params: unknown[] = [id];
    let sql = `select d.* from ${DEPLOYMENTS_TABLE} d ${joinAgents('a', 'd.agent_id')} where d.id = ?`;
    if (ownerId !== undefined) {
      sql += ' and a.owner_id = ?';
      params.push(ownerId);
    }
    const rows = await this.em.getConnection().execute<DeploymentRow[]>(sql, params);
    return rows[0] ?? null;
  }

  /** LLM and tool telemetry of one agent with ts in [from, to). */
  async window(agentId: string, from: Date, to: Date): Promise<WindowStats> {
    const rows = await this.em.getConnection().execute<
      {
        llm_calls: number;
        llm_errors: number;
        p95: number | null;
        cost: string | null;
        tool_calls: number;
        tool_errors: number;
        streamed: number;
        ttft_p50: number | null;
        ttft_p95: number | null;
        ttft_p99: number | null;
      }[]
    >(
      `select l.calls as llm_calls, l.errors as llm_errors, l.p95, l.cost, t.calls as tool_calls, t.errors as tool_errors,
              l.streamed, l.ttft_p50, l.ttft_p95, l.ttft_p99
       from (select count(*)::int as calls, (count(*) filter (where status = 'error'))::int as errors,
                    percentile_cont(0.95) within group (order by latency_ms) as p95, sum(cost_usd) as cost,
                    count(ttft_ms)::int as streamed,
                    percentile_cont(0.5) within group (order by ttft_ms) as ttft_p50,
                    percentile_cont(0.95) within group (order by ttft_ms) as ttft_p95,
                    percentile_cont(0.99) within group (order by ttft_ms) as ttft_p99
             from ${LLM_CALLS_TABLE} where agent_id = ? and ts >= ? and ts < ?) l,
            (select count(*)::int as calls, (count(*) filter (where status = 'error'))::int as errors
             from ${TOOL_CALLS_TABLE} where agent_id = ? and ts >= ? and ts < ?) t`,
      [agentId, from, to, agentId, from, to],
    );
    const r = rows[0];
    return {
      llmCalls: r.llm_calls,
      llmErrors: r.llm_errors,
      llmLatencyP95: numberOrNull(r.p95),
      ttft: { streamedCalls: r.streamed, p50: numberOrNull(r.ttft_p50), p95: numberOrNull(r.ttft_p95), p99: numberOrNull(r.ttft_p99) },
      costUsd: Number(r.cost ?? 0),
      toolCalls: r.tool_calls,
      toolErrors: r.tool_errors,
    };
  }
}
