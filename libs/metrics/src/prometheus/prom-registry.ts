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

export function ensureDefaultMetrics(): void {
  if (register.getSingleMetric(`${DEFAULT_METRICS_PREFIX}process_cpu_user_seconds_total`)) return;
  collectDefaultMetrics({ prefix: DEFAULT_METRICS_PREFIX });
}
