import {
  collectDefaultMetrics,
  Counter,
  CounterConfiguration,
  Gauge,
  GaugeConfiguration,
  Histogram,
  HistogramConfiguration,
  Metric,
  register,
} from 'prom-client';

/**
 * prom-client's global registry refuses a second metric of the same name, and several application
 * instances share one process in tests (replicas, restarts): every lib gets its metrics here, where
 * an existing metric of that name is returned instead of being created twice. The first caller's
 * configuration wins, including a gauge's `collect`, so a collect callback must read its source
 * through state that each application instance updates (see the fleet and alert gauges).
 */
function getOrCreate<M extends Metric>(name: string, create: () => M): M {
  return (register.getSingleMetric(name) as M | undefined) ?? create();
}

export function getOrCreateCounter<T extends string>(config: CounterConfiguration<T>): Counter<T> {
  return getOrCreate(config.name, () => new Counter(config));
}

export function getOrCreateGauge<T extends string>(config: GaugeConfiguration<T>): Gauge<T> {
  return getOrCreate(config.name, () => new Gauge(config));
}

export function getOrCreateHistogram<T extends string>(config: HistogramConfiguration<T>): Histogram<T> {
  return getOrCreate(config.name, () => new Histogram(config));
}

export const METRICS_PREFIX = 'fleetwatch_';

/**
 * Gauges prom-client names with a counter's `_total` suffix (promtool refuses them). The same
 * counts remain, split by type, in the `…_active_handles`, `…_active_requests` and
 * `…_active_resources` gauges.
 */
const MISNAMED_DEFAULT_GAUGES = ['nodejs_active_handles_total', 'nodejs_active_requests_total', 'nodejs_active_resources_total'];

/** Process and Node.js runtime metrics, registered once per process. */
export function ensureDefaultMetrics(): void {
  if (register.getSingleMetric(`${METRICS_PREFIX}process_cpu_user_seconds_total`)) return;
  collectDefaultMetrics({ prefix: METRICS_PREFIX });
  for (const name of MISNAMED_DEFAULT_GAUGES) register.removeSingleMetric(`${METRICS_PREFIX}${name}`);
}

/** The text exposition of every registered metric, and its Content-Type. */
export async function metricsExposition(): Promise<{ body: string; contentType: string }> {
  return { body: await register.metrics(), contentType: register.contentType };
}

/** Unregisters metrics whose source went away (the last application instance of a process stopped). */
export function removeMetrics(...names: string[]): void {
  for (const name of names) register.removeSingleMetric(name);
}
