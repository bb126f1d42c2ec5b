import { collectDefaultMetrics, Counter, CounterConfiguration, Histogram, HistogramConfiguration, register } from 'prom-client';

/**
 * prom-client's global registry refuses a second metric of the same name; several application
 * instances share one process in tests, so every metric is fetched before it is created.
 */
export function counter<T extends string>(config: CounterConfiguration<T>): Counter<T> {
  return (register.getSingleMetric(config.name) as Counter<T> | undefined) ?? new Counter(config);
}

export function histogram<T extends string>(config: HistogramConfiguration<T>): Histogram<T> {
  return (register.getSingleMetric(config.name) as Histogram<T> | undefined) ?? new Histogram(config);
}

const DEFAULT_METRICS_PREFIX = 'fleetwatch_';

/**
 * Gauges prom-client names with a counter's `_total` suffix (promtool refuses them). The same
 * counts remain, split by type, in the `…_active_handles`, `…_active_requests` and
 * `…_active_resources` gauges.
 */
const MISNAMED_DEFAULT_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

export function ensureDefaultMetrics(): void {
  if (register.getSingleMetric(`${DEFAULT_METRICS_PREFIX}process_cpu_user_seconds_total`)) return;
  collectDefaultMetrics({ prefix: DEFAULT_METRICS_PREFIX });
  for (const name of MISNAMED_DEFAULT_GAUGES) register.removeSingleMetric(`${DEFAULT_METRICS_PREFIX}${name}`);
}
