/**
 * The part of an OTLP export request Fleetwatch reads, normalised from either encoding: ids as
 * lowercase hex, times as bigint nanoseconds, attributes as plain values.
 */
export type AttributeValue = string | number | boolean | null | AttributeValue[] | { [key: string]: AttributeValue };
export type Attributes = Record<string, AttributeValue>;

/** OTLP span status codes (opentelemetry.proto.trace.v1.Status.StatusCode). */
export const SPAN_STATUS_ERROR = 2;

/** OTLP SpanFlags: bit 8 says whether bit 9 (the parent is remote) is known. */
export const SPAN_FLAGS_HAS_IS_REMOTE = 0x100;
export const SPAN_FLAGS_IS_REMOTE = 0x200;

export interface OtlpSpan {
  traceId?: string;
  spanId?: string;
  /** Absent for a trace's root span. */
  parentSpanId?: string;
  /** The parent lives in another process (OTLP span flags): this span is the local root of its trace. */
  parentIsRemote?: boolean;
  name: string;
  startNs: bigint;
  endNs: bigint;
  statusCode: number;
  statusMessage?: string;
  attributes: Attributes;
}

export interface OtlpResourceSpans {
  resource: Attributes;
  spans: OtlpSpan[];
}

export type MetricKind = 'gauge' | 'sum' | 'histogram';

/** One data point; `value` for gauge/sum points, `count`/`sum`/`min`/`max` for histograms. */
export interface OtlpDataPoint {
  attributes: Attributes;
  timeNs: bigint;
  value?: number;
  count?: number;
  sum?: number;
  min?: number;
  max?: number;
}

export interface OtlpMetric {
  name: string;
  unit: string;
  kind: MetricKind;
  /** 1 delta, 2 cumulative (AggregationTemporality); absent for gauges. */
  temporality?: number;
  points: OtlpDataPoint[];
}

export interface OtlpResourceMetrics {
  resource: Attributes;
  metrics: OtlpMetric[];
  /** Points of kinds Fleetwatch does not map (exponential histograms, summaries). */
  unsupportedPoints: number;
}
