import { ROLLUP_LLM_TABLE, ROLLUP_SAMPLES_TABLE, ROLLUP_TOOL_TABLE } from '@fleetwatch/rollups';
import { LLM_CALLS_TABLE, SAMPLES_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AGENTS_TABLE } from '@fleetwatch/agents';
import { HOUR_MS, isAdmin, MINUTE_MS, Principal } from '@fleetwatch/common';

export interface TrendRow {
  hour: Date;
  cpu: number | null;
  memory: number | null;
  latency: number | null;
  errors: string;
}

export interface CurrentRow {
  cpu: number | null;
  memory: number | null;
  llm_calls: string;
  llm_errors: string;
  llm_latency: number | null;
  api_requests: string;
  api_p95: number | null;
}

export interface TroubledRow {
  id: string;
  name: string;
  status: string;
  calls: string;
  errors: string;
}

export interface EndpointRow {
  method: string;
  route: string;
  requests: string;
  avg_ms: number;
  p95_ms: number;
  server_errors: string;
}

const HOUR_BIN = `date_bin('1 hour', ts, timestamptz '2000-01-01 00:00:00+00')`;

/** Visible agent ids as a sub-select, and the parameters it needs. */
function visible(principal: Principal): { sql: string; params: unknown[] } {
  return isAdmin(principal)
    ? { sql: `select id from ${AGENTS_TABLE}`, params: [] }
    : { sql: `select id from ${AGENTS_TABLE} where owner_id = ?`, params: [principal.userId] };
}

function requestOwner(principal: Principal): { sql: string; params: unknown[] } {
  return isAdmin(principal) ? { sql: '', params: [] } : { sql: 'and user_id = ?', params: [principal.userId] };
}

/** Raw-row reads behind the dashboard; every range is [from, to). */
@Injectable()
export class DashboardRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * One row per hour from firstHour to lastHour inclusive. Hours before `rawFrom` (the current hour)
   * come from the hourly rollups, summed over the visible agents (means as Σsum / Σcount, so they
   * equal the raw means once the rollup job has passed); hours from `rawFrom` to `to` from raw rows.
   */
  trends(principal: Principal, firstHour: Date, lastHour: Date, rawFrom: Date, to: Date): Promise<TrendRow[]> {
    const v = visible(principal);
    return this.em.getConnection().execute<TrendRow[]>(
      `with hours as (select generate_series(?::timestamptz, ?::timestamptz, interval '1 hour') as hour),
       sp as (select hour, type, count, sum from ${ROLLUP_SAMPLES_TABLE}
              where hour >= ? and hour < ? and type in ('cpu', 'memory') and agent_id in (${v.sql})
              union all
              select ${HOUR_BIN}, type, count(*), sum(value) from ${SAMPLES_TABLE}
              where ts >= ? and ts < ? and type in ('cpu', 'memory') and agent_id in (${v.sql}) group by 1, 2),
       s as (select hour, sum(sum) filter (where type = 'cpu') / nullif(sum(count) filter (where type = 'cpu'), 0) as cpu,
                    sum(sum) filter (where type = 'memory') / nullif(sum(count) filter (where type = 'memory'), 0) as memory
             from sp group by hour),
       lp as (select hour, count, errors, latency_sum from ${ROLLUP_LLM_TABLE} where hour >= ? and hour < ? and agent_id in (${v.sql})
              union all
              select ${HOUR_BIN}, count(*), count(*) filter (where status = 'error'), sum(latency_ms) from ${LLM_CALLS_TABLE}
              where ts >= ? and ts < ? and agent_id in (${v.sql}) group by 1),
       l as (select hour, sum(latency_sum) / nullif(sum(count), 0) as latency, sum(errors) as errors from lp group by hour),
       tp as (select hour, errors from ${ROLLUP_TOOL_TABLE} where hour >= ? and hour < ? and agent_id in (${v.sql})
              union all
              select ${HOUR_BIN}, count(*) filter (where status = 'error') from ${TOOL_CALLS_TABLE} where ts >= ? and ts < ? and agent_id in (${v.sql}) group by 1),
       t as (select hour, sum(errors) as errors from tp group by hour)
       select h.hour, s.cpu, s.memory, l.latency, coalesce(l.errors, 0) + coalesce(t.errors, 0) as errors
       from hours h left join s on s.hour = h.hour left join l on l.hour = h.hour left join t on t.hour = h.hour
       order by h.hour`,
      [
        firstHour,
        lastHour,
        firstHour,
        rawFrom,
        ...v.params,
        rawFrom,
        to,
        ...v.params,
        firstHour,
        rawFrom,
        ...v.params,
        rawFrom,
        to,
        ...v.params,
        firstHour,
        rawFrom,
        ...v.params,
        rawFrom,
        to,
        ...v.params,
      ],
    );
  }

  async current(principal: Principal, now: Date): Promise<CurrentRow> {
    const v = visible(principal);
    const r = requestOwner(principal);
    const fiveMinutes = new Date(now.getTime() - 5 * MINUTE_MS);
    const hour = new Date(now.getTime() - HOUR_MS);
    const [row] = await this.em.getConnection().execute<CurrentRow[]>(
      `select
         (select avg(value) from ${SAMPLES_TABLE} where type = 'cpu' and ts > ? and ts <= ? and agent_id in (${v.sql})) as cpu,
         (select avg(value) from ${SAMPLES_TABLE} where type = 'memory' and ts > ? and ts <= ? and agent_id in (${v.sql})) as memory,
         l.llm_calls, l.llm_errors, l.llm_latency, q.api_requests, q.api_p95
       from (select count(*) as llm_calls, count(*) filter (where status = 'error') as llm_errors, avg(latency_ms) as llm_latency
             from ${LLM_CALLS_TABLE} where ts > ? and ts <= ? and agent_id in (${v.sql})) l,
            (select count(*) as api_requests, percentile_cont(0.95) within group (order by duration_ms) as api_p95
             from api_requests where ts > ? and ts <= ? ${r.sql}) q`,
      [fiveMinutes, now, ...v.params, fiveMinutes, now, ...v.params, hour, now, ...v.params, hour, now, ...r.params],
    );
    return row;
  }

  /** Calls and failures per visible agent over [from, to): rollups before `rawFrom`, raw rows after. */
  troubled(principal: Principal, from: Date, rawFrom: Date, to: Date, limit: number): Promise<TroubledRow[]> {
    const v = visible(principal);
    return this.em.getConnection().execute<TroubledRow[]>(
      `with u as (
         select agent_id, count, errors from ${ROLLUP_LLM_TABLE} where hour >= ? and hour < ? and agent_id in (${v.sql})
         union all
         select agent_id, count, errors from ${ROLLUP_TOOL_TABLE} where hour >= ? and hour < ? and agent_id in (${v.sql})
         union all
         select agent_id, count(*), count(*) filter (where status = 'error') from ${LLM_CALLS_TABLE} where ts >= ? and ts < ? and agent_id in (${v.sql}) group by 1
         union all
         select agent_id, count(*), count(*) filter (where status = 'error') from ${TOOL_CALLS_TABLE} where ts >= ? and ts < ? and agent_id in (${v.sql}) group by 1
       ), c as (select agent_id, sum(count) as calls, sum(errors) as errors from u group by agent_id)
       select a.id, a.name, a.status, coalesce(c.calls, 0) as calls, coalesce(c.errors, 0) as errors
       from ${AGENTS_TABLE} a left join c on c.agent_id = a.id
       where a.id in (${v.sql}) and (a.status in ('error', 'warning') or coalesce(c.errors, 0) > 0)
       order by (a.status = 'error') desc, (a.status = 'warning') desc, coalesce(c.errors, 0) desc, a.name, a.id
       limit ?`,
      [from, rawFrom, ...v.params, from, rawFrom, ...v.params, rawFrom, to, ...v.params, rawFrom, to, ...v.params, ...v.params, limit],
    );
  }

  slowestEndpoints(principal: Principal, from: Date, to: Date, limit: number): Promise<EndpointRow[]> {
    const r = requestOwner(principal);
    return this.em.getConnection().execute<EndpointRow[]>(
      `select method, route, count(*) as requests, avg(duration_ms) as avg_ms,
              percentile_cont(0.95) within group (order by duration_ms) as p95_ms,
              count(*) filter (where status >= 500) as server_errors
       from api_requests where ts >= ? and ts < ? ${r.sql}
       group by method, route order by p95_ms desc, method, route limit ?`,
      [from, to, ...r.params, limit],
    );
  }
}
