import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { joinAgents } from '@fleetwatch/agents';
import { ownerCondition, Principal } from '@fleetwatch/common';
import { UNKNOWN_MODEL } from './agent-cost.repository';
import { CALL_TYPE_COLUMNS, CALL_TYPE_SUMS, ROLLUP_TYPE_SUMS, TokenTypeColumn, TokenTypeSums } from './usage-columns.sql';

export interface TotalsRow extends TokenTypeSums {
  requests: string;
  successful: string;
  failed: string;
  input_tokens: string;
  output_tokens: string;
  cost: string;
}

export interface DayRow {
  key: string;
  label: string | null;
  requests: string;
  input_tokens: string;
  output_tokens: string;
  cost: string;
}

export type GroupRow = DayRow & TokenTypeSums;

export interface CallRow extends Record<TokenTypeColumn, number> {
  id: string;
  ts: Date;
  /** The stored timestamp to the microsecond (a JS Date keeps milliseconds), for the export's keyset. */
  ts_key: string;
  agent_id: string;
  agent_name: string;
  model: string | null;
  provider: string | null;
  input_tokens: number;
  output_tokens: number;
  latency_ms: number;
  status: string;
  error_type: string | null;
  cost_usd: string;
  rate_source: string;
  trace_id: string | null;
  response_model: string | null;
  price_source: string | null;
  price_version: string | null;
}

/** The caller's calls (admins: all) in [start, end]; a null bound is open. */
function scoped(principal: Principal, start: Date | null, end: Date | null): { sql: string; params: unknown[] } {
  const where = ['true'];
  const params: unknown[] = [];
  if (end) {
    where.push('l.ts <= ?');
    params.push(end);
  }
  if (start) {
    where.push('l.ts >= ?');
    params.push(start);
  }
  const owner = ownerCondition(principal, 'a.owner_id');
  if (owner.params.length > 0) {
    where.push(owner.sql);
    params.push(...owner.params);
  }
  return { sql: `from llm_calls l ${joinAgents('a', 'l.agent_id')} where ${where.join(' and ')}`, params };
}

const BASE_SUMS = `count(*) as requests, coalesce(sum(l.input_tokens), 0) as input_tokens, coalesce(sum(l.output_tokens), 0) as output_tokens, coalesce(sum(l.cost_usd), 0) as cost`;
const SUMS = `${BASE_SUMS}, ${CALL_TYPE_SUMS}`;
const CALL_COLUMNS = `l.id, l.ts, to_char(l.ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') as ts_key, l.agent_id, a.name as agent_name, l.model, l.provider, l.input_tokens, l.output_tokens, l.latency_ms, l.status, l.error_type, l.cost_usd, l.rate_source, l.trace_id, ${CALL_TYPE_COLUMNS}`;

@Injectable()
export class UsageRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * The same totals from the hourly LLM rollups, for whole hours in [start, before): the part of a
   * long period whose raw calls retention may already have dropped.
   */
  async totalsFromRollups(principal: Principal, start: Date | null, before: Date): Promise<TotalsRow> {
    const where = ['r.hour < ?'];
    const params: unknown[] = [before];
    if (start) {
      where.push('r.hour >= ?');
      params.push(start);
    }
    const owner = ownerCondition(principal, 'a.owner_id');
    if (owner.params.length > 0) {
      where.push(owner.sql);
      params.push(...owner.params);
    }
    const [row] = await this.em.getConnection().execute<TotalsRow[]>(
      `select coalesce(sum(r.count), 0) as requests, coalesce(sum(r.count - r.errors), 0) as successful, coalesce(sum(r.errors), 0) as failed,
              coalesce(sum(r.input_tokens), 0) as input_tokens, coalesce(sum(r.output_tokens), 0) as output_tokens, coalesce(sum(r.cost_usd), 0) as cost,
              ${ROLLUP_TYPE_SUMS}
       from rollup_llm_hourly r ${joinAgents('a', 'r.agent_id')} where ${where.join(' and ')}`,
      params,
    );
    return row;
  }

  async totals(principal: Principal, start: Date | null, end: Date): Promise<TotalsRow> {
    const s = scoped(principal, start, end);
    const [row] = await this.em
      .getConnection()
      .execute<TotalsRow[]>(
        `select ${SUMS}, count(*) filter (where l.status = 'success') as successful, count(*) filter (where l.status = 'error') as failed ${s.sql}`,
        s.params,
      );
    return row;
  }

  byModel(principal: Principal, start: Date, end: Date): Promise<GroupRow[]> {
    const s = scoped(principal, start, end);
    return this.em
      .getConnection()
      .execute<GroupRow[]>(`select coalesce(l.model, ?) as key, l.provider as label, ${SUMS} ${s.sql} group by 1, 2 order by sum(l.cost_usd) desc, 1, 2`, [
        UNKNOWN_MODEL,
        ...s.params,
      ]);
  }

  byAgent(principal: Principal, start: Date, end: Date): Promise<GroupRow[]> {
    const s = scoped(principal, start, end);
    return this.em
      .getConnection()
      .execute<GroupRow[]>(`select l.agent_id as key, a.name as label, ${SUMS} ${s.sql} group by 1, 2 order by sum(l.cost_usd) desc, 2, 1`, s.params);
  }

  /** Every UTC day from start's to end's, zero-filled. */
  byDay(principal: Principal, start: Date, end: Date): Promise<DayRow[]> {
    const s = scoped(principal, start, end);
    return this.em.getConnection().execute<DayRow[]>(
      `with d as (select (l.ts at time zone 'UTC')::date as day, ${BASE_SUMS} ${s.sql} group by 1)
       select to_char(g.day, 'YYYY-MM-DD') as key, null as label, coalesce(d.requests, 0) as requests, coalesce(d.input_tokens, 0) as input_tokens,
              coalesce(d.output_tokens, 0) as output_tokens, coalesce(d.cost, 0) as cost
       from generate_series((?::timestamptz at time zone 'UTC')::date, (?::timestamptz at time zone 'UTC')::date, interval '1 day') as g(day)
       left join d on d.day = g.day::date order by g.day`,
      [...s.params, start, end],
    );
  }

  /** Newest first, offset paging (page numbers are the seed's parameters). */
  page(principal: Principal, offset: number, limit: number): Promise<CallRow[]> {
    const s = scoped(principal, null, null);
    return this.em
      .getConnection()
      .execute<CallRow[]>(`select ${CALL_COLUMNS} ${s.sql} order by l.ts desc, l.id desc limit ? offset ?`, [...s.params, limit, offset]);
  }

  async count(principal: Principal): Promise<number> {
    const s = scoped(principal, null, null);
    const [row] = await this.em.getConnection().execute<{ n: string }[]>(`select count(*) as n ${s.sql}`, s.params);
    return Number(row.n);
  }

  /** Oldest first after the keyset (ts, id): the export walks the range batch by batch. */
  batchAfter(principal: Principal, start: Date | null, end: Date, after: { tsKey: string; id: string } | null, limit: number): Promise<CallRow[]> {
    const s = scoped(principal, start, end);
    const keyset = after ? ' and (l.ts, l.id) > (?::timestamptz, ?::uuid)' : '';
    return this.em
      .getConnection()
      .execute<CallRow[]>(`select ${CALL_COLUMNS} ${s.sql}${keyset} order by l.ts, l.id limit ?`, [
        ...s.params,
        ...(after ? [after.tsKey, after.id] : []),
        limit,
      ]);
  }
}
