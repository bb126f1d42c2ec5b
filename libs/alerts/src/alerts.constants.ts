/** The vocabulary of rules, alerts, channels and deliveries, shared by DTOs, SQL and the evaluator. */
export const AGGREGATIONS = ['avg', 'min', 'max', 'sum', 'count', 'p95', 'p99'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export const COMPARATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type Comparator = (typeof COMPARATORS)[number];

export const NO_DATA_MODES = ['ok', 'alerting', 'keep'] as const;
export type NoDataMode = (typeof NO_DATA_MODES)[number];

export const SEVERITIES = ['info', 'warning', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const ALERT_STATUSES = ['pending', 'firing', 'acknowledged', 'resolved'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const CHANNEL_TYPES = ['webhook', 'slack', 'alertmanager'] as const;
export type ChannelType = (typeof CHANNEL_TYPES)[number];

export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed', 'suppressed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const NOTIFY_EVENTS = ['alert.firing', 'alert.resolved', 'alert.acknowledged', 'test'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

import { isRunMetric, RUN_METRICS } from './evaluation/run-metrics';

/** Metrics computed from LLM calls, tool calls, runs and the agent row; anything else is a sample type. */
export const LLM_METRICS = ['llm_latency_ms', 'llm_error_rate', 'tokens', 'cost_usd', 'cache_read_ratio'] as const;
export const TOOL_METRICS = ['tool_error_rate'] as const;
export const AGE_METRIC = 'telemetry_age_minutes';
export const BUILTIN_METRICS: readonly string[] = [...LLM_METRICS, ...TOOL_METRICS, AGE_METRIC, ...RUN_METRICS];
/** The custom sample type pattern accepted by ingest. */
export const SAMPLE_TYPE_PATTERN = /^[a-z][a-z0-9_.]{0,63}$/;
/** Error rates are fractions of calls in the window, so only their average means anything. */
export const RATE_METRICS: readonly string[] = ['llm_error_rate', 'tool_error_rate'];
/**
 * Σ cache-read input tokens / Σ input tokens of the window's LLM calls: one ratio per window (the
 * input-weighted mean of the calls' ratios), so only `avg` names it; no input in the window is no data.
 */
export const CACHE_READ_RATIO_METRIC = 'cache_read_ratio';

export type MetricKind = 'samples' | 'llm' | 'tools' | 'age' | 'runs';

export function metricKind(metric: string): MetricKind {
  if ((LLM_METRICS as readonly string[]).includes(metric)) return 'llm';
  if ((TOOL_METRICS as readonly string[]).includes(metric)) return 'tools';
  if (metric === AGE_METRIC) return 'age';
  if (isRunMetric(metric)) return 'runs';
  return 'samples';
}

export const EVALUATE_JOB = 'alerts.evaluate';
export const DELIVER_JOB = 'alerts.deliver';
