import { AGENTS_TABLE, joinAgents } from '@fleetwatch/agents';
import { INGEST_RANGES, LLM_CALLS_TABLE, SAMPLES_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
import { AGE_METRIC, BUILTIN_METRICS, CACHE_READ_RATIO_METRIC, LLM_METRICS, MetricKind, TOOL_METRICS } from '../alerts.constants';
import type { ObservationRow } from '../evaluation/observation-row';
import { RUN_METRICS } from '../evaluation/run-metrics';
import { RUN_OBSERVATION_PARAMS, runObservationSql } from './run-observation.sql';
import { TxSql } from './tx.sql';

const RULE_COLUMNS = `r.id as rule_id, r.owner_id, r.name as rule_name, r.metric, r.aggregation, r.comparator, r.threshold,
  r.window_minutes, r.for_minutes, r.keep_firing_for_minutes, r.no_data, r.severity, r.channel_ids`;

const ALERT_COLUMNS = `al.id as alert_id, al.status as alert_status, al.value as alert_value, al.started_at as alert_started_at,
  al.fired_at as alert_fired_at, al.acknowledged_at as alert_acknowledged_at, al.acknowledged_by as alert_acknowledged_by,
  al.false_since as alert_false_since,
  al.last_notified_at as alert_last_notified_at, al.note as alert_note, al.severity as alert_severity, al.threshold as alert_threshold`;

function quoted(values: readonly string[]): string {
  return values.map((v) => `'${v}'`).join(', ');
}

/** Which enabled rules a kind covers. */
function ruleFilter(kind: MetricKind): string {
  switch (kind) {
    case 'samples':
      return `r.metric not in (${quoted(BUILTIN_METRICS)})`;
    case 'llm':
      return `r.metric in (${quoted(LLM_METRICS)})`;
    case 'tools':
      return `r.metric in (${quoted(TOOL_METRICS)})`;
    case 'age':
      return `r.metric = '${AGE_METRIC}'`;
    case 'runs':
      return `r.metric in (${quoted(RUN_METRICS)})`;
  }
}

/** Every (enabled rule, watched agent) pair: the rule's agent, or each agent of its owner. */
function targets(kind: MetricKind, oneRule: boolean): string {
  return `r as (select * from alert_rules r where r.enabled and ${ruleFilter(kind)}${oneRule ? ' and r.id = ?' : ''}),
  t as (
    select r.id as rule_id, a.id as agent_id, a.name as agent_name, a.last_seen_at, a.created_at as agent_created_at
    from r ${joinAgents('a', 'r.agent_id')}
    union all
    select r.id, a.id, a.name, a.last_seen_at, a.created_at
    from r join ${AGENTS_TABLE} a on r.agent_id is null and a.owner_id = r.owner_id
  )`;
}

/**
 * Raw values are read clamped to the ingest ranges (INGEST_RANGES): ingest refuses anything
 * outside them, so this only touches rows stored before the ranges existed (1.7e308, ±Infinity,
 * NaN), whose double-precision sum or average would otherwise raise and fail the tick for everyone.
 */
const clamp = (column: string, lo: number, hi: number): string => `least(greatest(${column}, ${lo}::float8), ${hi}::float8)`;

/**
 * `value` is the per-row value the aggregations run over; `num` / `den` feed the ratio metric
 * (cache_read_ratio), which is one ratio of the window's sums rather than an aggregate of rows.
 */
const NO_RATIO = { num: 'null::float8', den: 'null::float8' };
const SOURCES: Record<'samples' | 'llm' | 'tools', { table: string; value: string; match: string; num: string; den: string }> = {
  samples: {
    table: SAMPLES_TABLE,
    value: clamp('x.value', -INGEST_RANGES.sampleValueAbsMax, INGEST_RANGES.sampleValueAbsMax),
    match: 'and x.type = k.metric',
    ...NO_RATIO,
  },
  llm: {
    table: LLM_CALLS_TABLE,
    value: `case k.metric when 'llm_latency_ms' then ${clamp('x.latency_ms', 0, INGEST_RANGES.durationMsMax)}
      when 'tokens' then (x.input_tokens::bigint + x.output_tokens)::float8
      when 'cost_usd' then x.cost_usd::float8
      when '${CACHE_READ_RATIO_METRIC}' then x.cache_read_input_tokens::float8 / nullif(x.input_tokens, 0)
      else (x.status = 'error')::int::float8 end`,
    match: '',
    num: 'x.cache_read_input_tokens::float8',
    den: 'x.input_tokens::float8',
  },
  tools: { table: TOOL_CALLS_TABLE, value: `(x.status = 'error')::int::float8`, match: '', ...NO_RATIO },
};

/**
 * One statement per metric kind evaluates every rule of that kind against every agent it watches:
 * the window aggregates are computed once per distinct (agent, metric, window) through the
 * (agent_id, ..., ts) indexes, then joined back to rules and to the open alert of each pair.
 * Parameters: with `oneRule`, first the rule id; then the evaluation time (twice for the window
 * bounds, except for `age`).
 */
function observationSql(kind: MetricKind, oneRule = false): string {
  if (kind === 'runs') return runObservationSql(targets(kind, oneRule), RULE_COLUMNS, ALERT_COLUMNS);
  if (kind === 'age') {
    return `with ${targets(kind, oneRule)}
      select ${RULE_COLUMNS}, t.agent_id, t.agent_name, 1 as n,
        extract(epoch from (?::timestamptz - coalesce(t.last_seen_at, t.agent_created_at))) / 60.0 as value, ${ALERT_COLUMNS}
      from t join r on r.id = t.rule_id
      left join alerts al on al.rule_id = r.id and al.agent_id = t.agent_id and al.status <> 'resolved'`;
  }
  const source = SOURCES[kind];
  return `with ${targets(kind, oneRule)},
    k as (select distinct t.agent_id, r.metric, r.window_minutes from t join r on r.id = t.rule_id),
    v as (
      select k.agent_id, k.metric, k.window_minutes, s.*
      from k cross join lateral (
        select count(*) as n, avg(q.val) as avg, min(q.val) as min, max(q.val) as max, sum(q.val) as sum,
          percentile_cont(0.95) within group (order by q.val) as p95,
          percentile_cont(0.99) within group (order by q.val) as p99,
          sum(q.num) / nullif(sum(q.den), 0) as ratio, count(*) filter (where q.den > 0) as ratio_n
        from (
          select ${source.value} as val, ${source.num} as num, ${source.den} as den from ${source.table} x
          where x.agent_id = k.agent_id ${source.match}
            and x.ts > ?::timestamptz - make_interval(mins => k.window_minutes) and x.ts <= ?::timestamptz
        ) q
      ) s
    )
    select ${RULE_COLUMNS}, t.agent_id, t.agent_name,
      case when r.metric = '${CACHE_READ_RATIO_METRIC}' then v.ratio_n else v.n end as n,
      case when r.metric = '${CACHE_READ_RATIO_METRIC}' then v.ratio
        else case r.aggregation when 'avg' then v.avg when 'min' then v.min when 'max' then v.max when 'sum' then v.sum
        when 'count' then v.n::float8 when 'p95' then v.p95 when 'p99' then v.p99 end end as value,
      ${ALERT_COLUMNS}
    from t join r on r.id = t.rule_id
    join v on v.agent_id = t.agent_id and v.metric = r.metric and v.window_minutes = r.window_minutes
    left join alerts al on al.rule_id = r.id and al.agent_id = t.agent_id and al.status <> 'resolved'`;
}

/** How many `?` placeholders the kind's statement takes (each bound to the evaluation time). */
function observationParamCount(kind: MetricKind): number {
  if (kind === 'runs') return RUN_OBSERVATION_PARAMS;
  return kind === 'age' ? 1 : 2;
}

/** Every (rule, agent) pair of the kind observed at `now`; with `ruleId`, only that rule's pairs. */
export function observe(sql: TxSql, kind: MetricKind, now: Date, ruleId?: string): Promise<ObservationRow[]> {
  const times = new Array<Date>(observationParamCount(kind)).fill(now);
  return ruleId === undefined ? sql.all<ObservationRow>(observationSql(kind), times) : sql.all<ObservationRow>(observationSql(kind, true), [ruleId, ...times]);
}

/** The ids of the enabled rules a kind's statement covers, for evaluating them one at a time. */
export async function enabledRuleIds(sql: TxSql, kind: MetricKind): Promise<string[]> {
  const rows = await sql.all<{ id: string }>(`select r.id from alert_rules r where r.enabled and ${ruleFilter(kind)} order by r.id`);
  return rows.map((r) => r.id);
}
