import { ROLLUP_OWNER_SAMPLES_TABLE } from '@fleetwatch/rollups';
import { LLM_CALLS_TABLE, SAMPLES_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AGENTS_TABLE, joinAgents } from '@fleetwatch/agents';
import { num, query } from './execute';

export const HISTORICAL_TYPES = ['cpu', 'memory', 'messages', 'errors'] as const;

/** One hour of the owner's fleet: cpu/memory means (null without samples), messages/errors sums. */
export interface OwnerHourRow {
  hour: Date;
  cpu: number | null;
  memory: number | null;
  messages: number;
  errors: number;
}

/** The owner's hourly series; float8 throughout and the hour as epoch ms, so nothing is parsed as numeric or date text. */
export const OWNER_HOURS_SQL = `
  select extract(epoch from hour)::float8 * 1000 as t,
         sum(sum) filter (where type = 'cpu') / nullif(sum(count) filter (where type = 'cpu'), 0)::float8 as cpu,
         sum(sum) filter (where type = 'memory') / nullif(sum(count) filter (where type = 'memory'), 0)::float8 as memory,
         coalesce(sum(sum) filter (where type = 'messages'), 0) as messages,
         coalesce(sum(sum) filter (where type = 'errors'), 0) as errors
  from ${ROLLUP_OWNER_SAMPLES_TABLE}
  where owner_id = ? and hour >= ? and hour <= ? and type in ('cpu', 'memory', 'messages', 'errors')
  group by hour order by hour`;

@Injectable()
export class UserMetricsRepository {
  constructor(private readonly em: EntityManager) {}

  /** The owner's fleet-wide hourly rollups of the four seed series, one row per hour, oldest first. */
  async ownerHours(ownerId: string, from: Date, to: Date): Promise<OwnerHourRow[]> {
    const rows = await query<{ t: number; cpu: number | null; memory: number | null; messages: number; errors: number }>(this.em, OWNER_HOURS_SQL, [
      ownerId,
      from,
      to,
    ]);
    return rows.map((r) => ({ hour: new Date(r.t), cpu: r.cpu, memory: r.memory, messages: r.messages, errors: r.errors }));
  }

  /** Each of the owner's agents' latest sample of each type (at or before `now`, after `since` when given). */
  async latestPerAgent(ownerId: string, types: readonly string[], now: Date, since?: Date): Promise<{ type: string; value: number; ts: Date }[]> {
    const rows = await query<{ type: string; value: number; ts: Date }>(
      this.em,
      `select t.type, s.value, s.ts
       from ${AGENTS_TABLE} a
       cross join unnest(string_to_array(?, ',')) as t(type)
       cross join lateral (
         select m.value, m.ts from ${SAMPLES_TABLE} m
         where m.agent_id = a.id and m.type = t.type and m.ts <= ? ${since ? 'and m.ts >= ?' : ''}
         order by m.ts desc limit 1
       ) s
       where a.owner_id = ?`,
      since ? [types.join(','), now, since, ownerId] : [types.join(','), now, ownerId],
    );
    return rows.map((r) => ({ type: r.type, value: Number(r.value), ts: new Date(r.ts) }));
  }

  async callStats(ownerId: string, since: Date, now: Date): Promise<{ calls: number; errors: number; latencyAvg: number }> {
    const [row] = await query<Record<string, string | null>>(
      this.em,
      `select
         (select count(*) from ${LLM_CALLS_TABLE} l ${joinAgents('a', 'l.agent_id')} where a.owner_id = ? and l.ts >= ? and l.ts <= ?) as llm,
         (select count(*) from ${LLM_CALLS_TABLE} l ${joinAgents('a', 'l.agent_id')} where a.owner_id = ? and l.ts >= ? and l.ts <= ? and l.status = 'error') as llm_errors,
         (select avg(l.latency_ms) from ${LLM_CALLS_TABLE} l ${joinAgents('a', 'l.agent_id')} where a.owner_id = ? and l.ts >= ? and l.ts <= ?) as latency,
         (select count(*) from ${TOOL_CALLS_TABLE} t ${joinAgents('a', 't.agent_id')} where a.owner_id = ? and t.ts >= ? and t.ts <= ?) as tool,
         (select count(*) from ${TOOL_CALLS_TABLE} t ${joinAgents('a', 't.agent_id')} where a.owner_id = ? and t.ts >= ? and t.ts <= ? and t.status = 'error') as tool_errors`,
      Array.from({ length: 5 }, () => [ownerId, since, now]).flat(),
    );
    return { calls: num(row.llm) + num(row.tool), errors: num(row.llm_errors) + num(row.tool_errors), latencyAvg: num(row.latency) };
  }
}
