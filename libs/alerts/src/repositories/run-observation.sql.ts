import { RUNS_TABLE } from '@fleetwatch/ingest';

/** One run's figure for a run metric; `?` is the evaluation time (the end of a run still running). */
const RUN_VALUE = `case k.metric when 'run_cost_usd' then x.cost_usd::float8
  when 'run_steps' then (x.llm_calls + x.tool_calls)::float8
  else extract(epoch from (coalesce(x.ended_at, ?::timestamptz) - x.started_at)) / 60.0 end`;

/**
 * The observation statement of the run metrics, built from observation.sql's targets and column
 * lists: per distinct (agent, metric, window), the max over the agent's runs still running or
 * ended inside the window (started by the evaluation time), through the open-run and ended-run
 * indexes. `n` counts those runs, so an agent without any is "no data". Three `?`, each the evaluation time.
 */
export function runObservationSql(targets: string, ruleColumns: string, alertColumns: string): string {
  return `with ${targets},
    k as (select distinct t.agent_id, r.metric, r.window_minutes from t join r on r.id = t.rule_id),
    v as (
      select k.agent_id, k.metric, k.window_minutes, s.n, s.value
      from k cross join lateral (
        select count(*) as n, max(${RUN_VALUE}) as value
        from ${RUNS_TABLE} x
        where x.agent_id = k.agent_id and x.started_at <= ?::timestamptz
          and (x.status = 'running' or x.ended_at > ?::timestamptz - make_interval(mins => k.window_minutes))
      ) s
    )
    select ${ruleColumns}, t.agent_id, t.agent_name, v.n, v.value, ${alertColumns}
    from t join r on r.id = t.rule_id
    join v on v.agent_id = t.agent_id and v.metric = r.metric and v.window_minutes = r.window_minutes
    left join alerts al on al.rule_id = r.id and al.agent_id = t.agent_id and al.status <> 'resolved'`;
}

export const RUN_OBSERVATION_PARAMS = 3;
