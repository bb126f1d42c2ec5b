import { ROLLUP_LLM_TABLE, ROLLUP_SAMPLES_TABLE, ROLLUP_TOOL_TABLE } from '@fleetwatch/rollups';
import { LLM_CALLS_TABLE, SAMPLES_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
export const AGGREGATIONS = ['avg', 'sum', 'min', 'max', 'count', 'p50', 'p95', 'p99'] as const;
export type Aggregation = (typeof AGGREGATIONS)[number];

export type MetricSource = 'samples' | 'llm' | 'tool';

/** How a metric reads from its hourly rollup table: `sum` is summed, divided by the summed `count` for avg. */
export interface RollupColumns {
  sum: string;
  min?: string;
  max?: string;
  hist?: string;
}

export interface MetricDefinition {
  name: string;
  source: MetricSource;
  /** Per-row value over the source table's columns. */
  value: string;
  rollup: RollupColumns;
  aggregations: readonly Aggregation[];
  defaultAggregation: Aggregation;
  description: string;
}

const ALL: readonly Aggregation[] = AGGREGATIONS;

const LATENCY: RollupColumns = { sum: 'latency_sum', min: 'latency_min', max: 'latency_max', hist: 'latency_hist' };
const DURATION: RollupColumns = { sum: 'duration_sum', min: 'duration_min', max: 'duration_max', hist: 'duration_hist' };
const IS_ERROR = "(status = 'error')::int";
const SUM_AVG: readonly Aggregation[] = ['sum', 'avg'];

/** The first aggregation listed is the metric's default. */
function derived(
  name: string,
  source: MetricSource,
  value: string,
  rollupSum: string | RollupColumns,
  aggregations: readonly Aggregation[],
  description: string,
): MetricDefinition {
  const rollup = typeof rollupSum === 'string' ? { sum: rollupSum } : rollupSum;
  return { name, source, value, rollup, aggregations, defaultAggregation: aggregations[0], description };
}

const DERIVED: MetricDefinition[] = [
  derived('llm_latency_ms', 'llm', 'latency_ms', LATENCY, ALL, 'LLM call latency'),
  derived('llm_calls', 'llm', '1', 'count', ['count'], 'LLM calls'),
  derived('llm_errors', 'llm', IS_ERROR, 'errors', ['sum'], 'LLM calls with status error'),
  derived('llm_error_rate', 'llm', IS_ERROR, 'errors', ['avg'], 'LLM errors / LLM calls'),
  // Raw token columns are int4, whose sum overflows past 2^31 - 1: add them as bigint.
  derived('tokens', 'llm', 'input_tokens::bigint + output_tokens', 'input_tokens + output_tokens', SUM_AVG, 'input + output tokens'),
  derived('input_tokens', 'llm', 'input_tokens', 'input_tokens', SUM_AVG, 'input tokens'),
  derived('output_tokens', 'llm', 'output_tokens', 'output_tokens', SUM_AVG, 'output tokens'),
  derived('cost_usd', 'llm', 'cost_usd', 'cost_usd', SUM_AVG, 'LLM cost in USD'),
  derived('tool_duration_ms', 'tool', 'duration_ms', DURATION, ALL, 'tool call duration'),
  derived('tool_calls', 'tool', '1', 'count', ['count'], 'tool calls'),
  derived('tool_errors', 'tool', IS_ERROR, 'errors', ['sum'], 'tool calls with status error'),
  derived('tool_error_rate', 'tool', IS_ERROR, 'errors', ['avg'], 'tool errors / tool calls'),
];

const BY_NAME = new Map(DERIVED.map((m) => [m.name, m]));

export const DERIVED_METRIC_NAMES = DERIVED.map((m) => m.name);

/** A derived LLM/tool metric by name; any other name is a sample type (metric_samples.type). */
export function resolveMetric(name: string): MetricDefinition {
  return (
    BY_NAME.get(name) ?? {
      name,
      source: 'samples',
      value: 'value',
      rollup: { sum: 'sum', min: 'min', max: 'max', hist: 'hist' },
      aggregations: ALL,
      defaultAggregation: 'avg',
      description: `samples of type ${name}`,
    }
  );
}

export const SOURCE_TABLE: Record<MetricSource, string> = { samples: SAMPLES_TABLE, llm: LLM_CALLS_TABLE, tool: TOOL_CALLS_TABLE };
export const ROLLUP_TABLE: Record<MetricSource, string> = { samples: ROLLUP_SAMPLES_TABLE, llm: ROLLUP_LLM_TABLE, tool: ROLLUP_TOOL_TABLE };

/** Aggregations that answer 0 for an empty bucket; every other one answers null. */
export function zeroWhenEmpty(aggregation: Aggregation): boolean {
  return aggregation === 'sum' || aggregation === 'count';
}

export function catalogDescription(): string {
  return DERIVED.map((m) => `\`${m.name}\` (${m.description}; ${m.aggregations.join('/')}, default ${m.defaultAggregation})`).join(', ');
}
