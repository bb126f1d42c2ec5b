import { ROLLUP_LLM_TABLE, ROLLUP_OWNER_SAMPLES_TABLE, ROLLUP_SAMPLES_TABLE, ROLLUP_TOOL_TABLE } from '@fleetwatch/rollups';
import { LLM_CALLS_TABLE, SAMPLES_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AGENTS_TABLE, DEPLOYMENTS_TABLE, joinAgents } from '@fleetwatch/agents';
import { ownerCondition, Principal } from '@fleetwatch/common';
import { num, query } from './execute';

/**
 * Estimated on-disk bytes per stored row, heap tuple plus its index entries: samples as measured
 * by bench:query (docs/benchmarks.md, section Query); the others scaled from their column widths.
 */
export const BYTES_PER_ROW = { samples: 160, llm: 230, tool: 170, events: 260 } as const;

@Injectable()
export class PlatformMetricsRepository {
  constructor(private readonly em: EntityManager) {}

  async agentCounts(principal: Principal): Promise<{ total: number; running: number; stopped: number; error: number }> {
    const owner = ownerCondition(principal, 'owner_id');
    const [row] = await query<Record<string, string>>(
      this.em,
      `select count(*) as total, count(*) filter (where status = 'running') as running,
              count(*) filter (where status = 'stopped') as stopped, count(*) filter (where status = 'error') as error
       from ${AGENTS_TABLE} where ${owner.sql}`,
      owner.params,
    );
    return { total: num(row.total), running: num(row.running), stopped: num(row.stopped), error: num(row.error) };
  }

  async deploymentCounts(principal: Principal): Promise<{ total: number; succeeded: number; failed: number }> {
    const owner = ownerCondition(principal, 'a.owner_id');
    const [row] = await query<Record<string, string>>(
      this.em,
      `select count(*) as total, count(*) filter (where d.status = 'succeeded') as succeeded, count(*) filter (where d.status = 'failed') as failed
       from ${DEPLOYMENTS_TABLE} d ${joinAgents('a', 'd.agent_id')} where ${owner.sql}`,
      owner.params,
    );
    return { total: num(row.total), succeeded: num(row.succeeded), failed: num(row.failed) };
  }

  /** Sums of `messages` samples: owner rollups for whole hours before `currentHour`, raw rows after. */
  async messageSums(
    principal: Principal,
    starts: { day: Date; week: Date; month: Date },
    currentHour: Date,
    now: Date,
  ): Promise<{ day: number; week: number; month: number }> {
    const from = new Date(Math.min(starts.week.getTime(), starts.month.getTime()));
    const rollupOwner = ownerCondition(principal, 'owner_id');
    const [rolled] = await query<Record<string, string | null>>(
      this.em,
      `select sum(sum) filter (where hour >= ?) as day, sum(sum) filter (where hour >= ?) as week, sum(sum) filter (where hour >= ?) as month
       from ${ROLLUP_OWNER_SAMPLES_TABLE} where type = 'messages' and hour >= ? and hour < ? and ${rollupOwner.sql}`,
      [starts.day, starts.week, starts.month, from, currentHour, ...rollupOwner.params],
    );
    const rawOwner = ownerCondition(principal, 'a.owner_id');
    const [raw] = await query<{ total: string | null }>(
      this.em,
      `select sum(s.value) as total from ${SAMPLES_TABLE} s ${joinAgents('a', 's.agent_id')}
       where s.type = 'messages' and s.ts >= ? and s.ts <= ? and ${rawOwner.sql}`,
      [currentHour, now, ...rawOwner.params],
    );
    const recent = num(raw.total);
    return { day: num(rolled.day) + recent, week: num(rolled.week) + recent, month: num(rolled.month) + recent };
  }

  /**
   * Per agent: seconds in `running` within [max(windowStart, created_at), now], from the status
   * history (the status in force at the window start, then every change in it), and the window length.
   */
  async agentRunningShares(principal: Principal, windowStart: Date, now: Date): Promise<{ running: number; window: number }[]> {
    const owner = ownerCondition(principal, 'owner_id');
    const rows = await query<{ running: string | null; span: string }>(
      this.em,
      `with ag as (
         select id, greatest(created_at, ?::timestamptz) as ws from ${AGENTS_TABLE} where ${owner.sql} and created_at < ?
       ),
       spans as (
         select ag.id as agent_id, ag.ws as started,
                (select c.status from agent_status_changes c where c.agent_id = ag.id and c.changed_at <= ag.ws order by c.changed_at desc, c.id desc limit 1) as status
         from ag
         union all
         select c.agent_id, c.changed_at as started, c.status from agent_status_changes c join ag on ag.id = c.agent_id
         where c.changed_at > ag.ws and c.changed_at <= ?
       ),
       timed as (
         select agent_id, status, started, lead(started, 1, ?::timestamptz) over (partition by agent_id order by started) as ended from spans
       )
       select sum(extract(epoch from ended - started)) filter (where status = 'running') as running,
              extract(epoch from ?::timestamptz - min(started)) as span
       from timed group by agent_id`,
      [windowStart, ...owner.params, now, now, now, now],
    );
    return rows.map((r) => ({ running: num(r.running), window: num(r.span) }));
  }

  async callStats(
    principal: Principal,
    since: Date,
    now: Date,
  ): Promise<{ llmCalls: number; llmErrors: number; latencyAvg: number; toolCalls: number; toolErrors: number }> {
    const owner = ownerCondition(principal, 'a.owner_id');
    const [llm] = await query<Record<string, string | null>>(
      this.em,
      `select count(*) as n, count(*) filter (where l.status = 'error') as e, avg(l.latency_ms) as latency
       from ${LLM_CALLS_TABLE} l ${joinAgents('a', 'l.agent_id')} where l.ts >= ? and l.ts <= ? and ${owner.sql}`,
      [since, now, ...owner.params],
    );
    const [tool] = await query<Record<string, string | null>>(
      this.em,
      `select count(*) as n, count(*) filter (where t.status = 'error') as e
       from ${TOOL_CALLS_TABLE} t ${joinAgents('a', 't.agent_id')} where t.ts >= ? and t.ts <= ? and ${owner.sql}`,
      [since, now, ...owner.params],
    );
    return { llmCalls: num(llm.n), llmErrors: num(llm.e), latencyAvg: num(llm.latency), toolCalls: num(tool.n), toolErrors: num(tool.e) };
  }

  async sampleAverages(principal: Principal, types: string[], since: Date, now: Date): Promise<Record<string, number>> {
    const owner = ownerCondition(principal, 'a.owner_id');
    const rows = await query<{ type: string; avg: string }>(
      this.em,
      `select s.type, avg(s.value) as avg from ${SAMPLES_TABLE} s ${joinAgents('a', 's.agent_id')}
       where s.type = any(string_to_array(?, ',')) and s.ts >= ? and s.ts <= ? and ${owner.sql} group by s.type`,
      [types.join(','), since, now, ...owner.params],
    );
    return Object.fromEntries(rows.map((r) => [r.type, num(r.avg)]));
  }

  /** Stored raw telemetry rows within retention, counted from the rollups. */
  async storedTelemetryRows(principal: Principal, retentionStart: Date): Promise<{ samples: number; llm: number; tool: number }> {
    const owner = ownerCondition(principal, 'a.owner_id');
    const [row] = await query<Record<string, string | null>>(
      this.em,
      `select
         (select sum(r.count) from ${ROLLUP_SAMPLES_TABLE} r ${joinAgents('a', 'r.agent_id')} where r.hour >= ? and ${owner.sql}) as samples,
         (select sum(r.count) from ${ROLLUP_LLM_TABLE} r ${joinAgents('a', 'r.agent_id')} where r.hour >= ? and ${owner.sql}) as llm,
         (select sum(r.count) from ${ROLLUP_TOOL_TABLE} r ${joinAgents('a', 'r.agent_id')} where r.hour >= ? and ${owner.sql}) as tool`,
      [retentionStart, ...owner.params, retentionStart, ...owner.params, retentionStart, ...owner.params],
    );
    return { samples: num(row.samples), llm: num(row.llm), tool: num(row.tool) };
  }
}
