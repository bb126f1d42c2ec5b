/**
 * Runaway-run metrics: each is a figure of one run (its cost so far, its steps, its duration so
 * far), observed over the agent's runs that are still running or ended inside the rule's window.
 * A rule fires when any one run crosses the threshold, so the observed value is the max over those
 * runs and `max` is the only aggregation these metrics take.
 */
export const RUN_METRICS = ['run_cost_usd', 'run_steps', 'run_duration_minutes'] as const;
export type RunMetric = (typeof RUN_METRICS)[number];

export function isRunMetric(metric: string): metric is RunMetric {
  return (RUN_METRICS as readonly string[]).includes(metric);
}

export const RUN_METRICS_DOC =
  "Per run (evaluated over the agent's runs still running, or ended within windowMinutes; the value is the max over them, so aggregation must be `max`): " +
  '`run_cost_usd` (cost so far), `run_steps` (LLM + tool calls so far), `run_duration_minutes` (end, or now while running, minus start).';
