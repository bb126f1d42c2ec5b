import { joinAgents } from '@fleetwatch/agents';
import { INGEST_RANGES, LLM_CALLS_TABLE, SAMPLES_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';

/**
 * The statements of one rollup pass. Every recompute reads the claimed hours of one UTC day at a
 * time (`?` day bounds), so PostgreSQL prunes to that day's raw partition and hash-joins the
 * claimed (agent, hour) pairs against it. The `(one)` variants take one more `?`, an agent id: the
 * pass falls back to them, one agent-hour at a time, when a whole day's statement fails.
 *
 * Raw values are read clamped to the ingest ranges (INGEST_RANGES). Ingest refuses anything
 * outside them, so this only touches rows stored before the ranges existed (1.7e308, ±Infinity,
 * NaN), which would otherwise overflow the double-precision sums and fail the pass for everyone.
 */
const clamp = (column: string, lo: number, hi: number): string => `least(greatest(${column}, ${lo}::float8), ${hi}::float8)`;
const SAMPLE = clamp('x.value', -INGEST_RANGES.sampleValueAbsMax, INGEST_RANGES.sampleValueAbsMax);
const LATENCY = clamp('x.latency_ms', 0, INGEST_RANGES.durationMsMax);
const DURATION = clamp('x.duration_ms', 0, INGEST_RANGES.durationMsMax);
const agent = (one: boolean): string => (one ? ' and d.agent_id = ?' : '');
export const CLAIM_TABLE = `
  create temp table if not exists fw_claimed (agent_id uuid not null, hour timestamptz not null) on commit drop`;

export const CLAIM = `
  with d as (delete from rollup_dirty where kind = ? returning agent_id, hour)
  insert into fw_claimed (agent_id, hour)
  select distinct d.agent_id, d.hour from d ${joinAgents('a', 'd.agent_id')} where d.hour >= ?`;

export const TRUNCATE_CLAIMED = `truncate fw_claimed`;
export const ANALYZE_CLAIMED = `analyze fw_claimed`;
export const COUNT_CLAIMED = `select count(*) as n from fw_claimed`;

export const CLAIMED_DAYS = `
  select distinct date_trunc('day', hour, 'UTC') as day from fw_claimed order by 1`;

export const CLAIMED_PAIRS = `
  select agent_id, hour from fw_claimed where hour >= ? and hour < ? order by hour, agent_id`;

export const DELETE_SAMPLES = (one = false): string => `
  delete from rollup_samples_hourly r using fw_claimed d where r.agent_id = d.agent_id and r.hour = d.hour
    and d.hour >= ? and d.hour < ?${agent(one)}`;

export const INSERT_SAMPLES = (one = false): string => `
  insert into rollup_samples_hourly (agent_id, type, hour, count, sum, min, max, hist)
  select agent_id, type, hour, sum(n), sum(s), min(lo), max(hi), jsonb_object_agg(b, n)
  from (
    select x.agent_id, x.type, x.hour, fw_hist_bucket(x.v) as b, count(*) as n, sum(x.v) as s, min(x.v) as lo, max(x.v) as hi
    from (
      select x.agent_id, x.type, d.hour, ${SAMPLE} as v
      from ${SAMPLES_TABLE} x
      join fw_claimed d on d.agent_id = x.agent_id and d.hour = date_trunc('hour', x.ts, 'UTC')
      where x.ts >= ? and x.ts < ? and d.hour >= ? and d.hour < ?${agent(one)}
    ) x
    group by 1, 2, 3, 4
  ) g
  group by 1, 2, 3`;

export const MARK_OWNERS = `
  insert into rollup_owner_dirty (owner_id, hour)
  select distinct a.owner_id, d.hour from fw_claimed d ${joinAgents('a', 'd.agent_id')}`;

export const OWNER_CLAIM_TABLE = `
  create temp table if not exists fw_owner_claimed (owner_id uuid not null, hour timestamptz not null) on commit drop`;

export const TRUNCATE_OWNER_CLAIMED = `truncate fw_owner_claimed`;
export const ANALYZE_OWNER_CLAIMED = `analyze fw_owner_claimed`;
export const COUNT_OWNER_CLAIMED = `select count(*) as n from fw_owner_claimed`;

export const OWNER_CLAIM = `
  with d as (delete from rollup_owner_dirty returning owner_id, hour)
  insert into fw_owner_claimed (owner_id, hour) select distinct owner_id, hour from d`;

export const DELETE_OWNER_SAMPLES = (one = false): string => `
  delete from rollup_owner_samples_hourly o using fw_owner_claimed d where o.owner_id = d.owner_id and o.hour = d.hour${one ? ' and d.owner_id = ?' : ''}`;

export const CLAIMED_OWNERS = `select distinct owner_id from fw_owner_claimed order by 1`;

export const INSERT_OWNER_SAMPLES = (one = false): string => `
  insert into rollup_owner_samples_hourly (owner_id, type, hour, count, sum, min, max)
  select a.owner_id, r.type, r.hour, sum(r.count), sum(r.sum), min(r.min), max(r.max)
  from fw_owner_claimed d
  join rollup_samples_hourly r on r.hour = d.hour
  ${joinAgents('a', 'r.agent_id')} and a.owner_id = d.owner_id
  where exists (select 1 from users u where u.id = d.owner_id)${one ? ' and d.owner_id = ?' : ''}
  group by 1, 2, 3`;

export const DELETE_LLM = (one = false): string => `
  delete from rollup_llm_hourly r using fw_claimed d where r.agent_id = d.agent_id and r.hour = d.hour
    and d.hour >= ? and d.hour < ?${agent(one)}`;

/** Per-type token columns of llm_calls, summed under the same names in rollup_llm_hourly. */
const LLM_TOKEN_TYPE_COLUMNS = [
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation_5m_input_tokens',
  'cache_creation_1h_input_tokens',
  'reasoning_output_tokens',
  'audio_input_tokens',
  'audio_output_tokens',
  'image_input_tokens',
] as const;
const TYPES = LLM_TOKEN_TYPE_COLUMNS;

/**
 * Token-type sums and the unpriced figures (calls priced with the fallback rate) go through the
 * histogram-bucket grouping like the other sums: summed per bucket, then per (agent, model, hour).
 */
export const INSERT_LLM = (one = false): string => `
  insert into rollup_llm_hourly (agent_id, model, hour, count, errors, input_tokens, output_tokens, cost_usd,
                                 latency_sum, latency_min, latency_max, latency_hist,
                                 ${TYPES.join(', ')}, unpriced_calls, unpriced_input_tokens, unpriced_output_tokens)
  select agent_id, model, hour, sum(n), sum(e), sum(it), sum(ot), sum(c), sum(s), min(lo), max(hi), jsonb_object_agg(b, n),
         ${TYPES.map((c) => `sum(${c})`).join(', ')}, sum(un), sum(uit), sum(uot)
  from (
    select x.agent_id, x.model, x.hour, fw_hist_bucket(x.latency) as b,
           count(*) as n, count(*) filter (where x.status = 'error') as e,
           sum(x.input_tokens::bigint) as it, sum(x.output_tokens::bigint) as ot, sum(x.cost_usd) as c,
           sum(x.latency) as s, min(x.latency) as lo, max(x.latency) as hi,
           ${TYPES.map((c) => `sum(x.${c}::bigint) as ${c}`).join(', ')},
           count(*) filter (where x.rate_source = 'fallback') as un,
           coalesce(sum(x.input_tokens::bigint) filter (where x.rate_source = 'fallback'), 0) as uit,
           coalesce(sum(x.output_tokens::bigint) filter (where x.rate_source = 'fallback'), 0) as uot
    from (
      select x.agent_id, coalesce(x.model, '') as model, d.hour, ${LATENCY} as latency, x.status, x.input_tokens, x.output_tokens, x.cost_usd,
             ${TYPES.map((c) => `x.${c}`).join(', ')}, x.rate_source
      from ${LLM_CALLS_TABLE} x
      join fw_claimed d on d.agent_id = x.agent_id and d.hour = date_trunc('hour', x.ts, 'UTC')
      where x.ts >= ? and x.ts < ? and d.hour >= ? and d.hour < ?${agent(one)}
    ) x
    group by 1, 2, 3, 4
  ) g
  group by 1, 2, 3`;

export const DELETE_TOOL = (one = false): string => `
  delete from rollup_tool_hourly r using fw_claimed d where r.agent_id = d.agent_id and r.hour = d.hour
    and d.hour >= ? and d.hour < ?${agent(one)}`;

export const INSERT_TOOL = (one = false): string => `
  with base as (
    select x.agent_id, x.tool, d.hour, ${DURATION} as duration_ms, x.status, coalesce(x.error_type, 'unknown') as error_type
    from ${TOOL_CALLS_TABLE} x
    join fw_claimed d on d.agent_id = x.agent_id and d.hour = date_trunc('hour', x.ts, 'UTC')
    where x.ts >= ? and x.ts < ? and d.hour >= ? and d.hour < ?${agent(one)}
  ),
  buckets as (
    select agent_id, tool, hour, fw_hist_bucket(duration_ms) as b, count(*) as n,
           count(*) filter (where status = 'error') as e, sum(duration_ms) as s, min(duration_ms) as lo, max(duration_ms) as hi
    from base group by 1, 2, 3, 4
  ),
  error_types as (
    select agent_id, tool, hour, jsonb_object_agg(error_type, n) as types
    from (select agent_id, tool, hour, error_type, count(*) as n from base where status = 'error' group by 1, 2, 3, 4) t
    group by 1, 2, 3
  )
  insert into rollup_tool_hourly (agent_id, tool, hour, count, errors, duration_sum, duration_min, duration_max, duration_hist, error_types)
  select g.agent_id, g.tool, g.hour, g.n, g.e, g.s, g.lo, g.hi, g.hist, coalesce(et.types, '{}'::jsonb)
  from (
    select agent_id, tool, hour, sum(n) as n, sum(e) as e, sum(s) as s, min(lo) as lo, max(hi) as hi, jsonb_object_agg(b, n) as hist
    from buckets group by 1, 2, 3
  ) g
  left join error_types et on et.agent_id = g.agent_id and et.tool = g.tool and et.hour = g.hour`;

/** One part of a pass, undone alone when it raises (see RollupPassRepository.attempt). */
export const SAVEPOINT = `savepoint fw_rollup_part`;
export const RELEASE_SAVEPOINT = `release savepoint fw_rollup_part`;
export const ROLLBACK_TO_SAVEPOINT = `rollback to savepoint fw_rollup_part`;

export const SAMPLE_HOURS = (withType: boolean): string => `
  select agent_id, type, hour, count, sum, min, max, hist from rollup_samples_hourly
  where agent_id = any(string_to_array(?, ',')::uuid[]) and hour >= ? and hour < ? ${withType ? 'and type = ?' : ''} order by hour`;

export const LLM_HOURS = (withModel: boolean): string => `
  select * from rollup_llm_hourly where agent_id = any(string_to_array(?, ',')::uuid[]) and hour >= ? and hour < ? ${withModel ? 'and model = ?' : ''} order by hour`;

export const TOOL_HOURS = (withTool: boolean): string => `
  select * from rollup_tool_hourly where agent_id = any(string_to_array(?, ',')::uuid[]) and hour >= ? and hour < ? ${withTool ? 'and tool = ?' : ''} order by hour`;
