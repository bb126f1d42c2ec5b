import {
  MetricKind,
  OtlpDataPoint,
  OtlpMetric,
  OtlpResourceMetrics,
  OtlpResourceSpans,
  OtlpSpan,
  SPAN_FLAGS_HAS_IS_REMOTE,
  SPAN_FLAGS_IS_REMOTE,
} from './otlp-model';
import { asArray, asBigInt, asDouble, asEnum, asId, asObject, asString, attributes, field, optionalDouble } from './otlp-values';

const STATUS_CODES = ['STATUS_CODE_UNSET', 'STATUS_CODE_OK', 'STATUS_CODE_ERROR'] as const;
const TEMPORALITIES = ['AGGREGATION_TEMPORALITY_UNSPECIFIED', 'AGGREGATION_TEMPORALITY_DELTA', 'AGGREGATION_TEMPORALITY_CUMULATIVE'] as const;

/**
 * An ExportTraceServiceRequest as a plain object (JSON body, or protobufjs toObject output with
 * longs as strings and bytes as Uint8Array) → the spans Fleetwatch reads.
 */
export function normalizeTraceRequest(request: unknown): OtlpResourceSpans[] {
  const root = asObject(request, 'body');
  return asArray(field(root, 'resourceSpans'), 'resourceSpans').map((rs, r) => {
    const at = `resourceSpans[${r}]`;
    const resourceSpans = asObject(rs, at);
    const resource = asObject(field(resourceSpans, 'resource'), `${at}.resource`);
    const spans: OtlpSpan[] = [];
    asArray(field(resourceSpans, 'scopeSpans'), `${at}.scopeSpans`).forEach((ss, s) => {
      const scopeAt = `${at}.scopeSpans[${s}]`;
      asArray(field(asObject(ss, scopeAt), 'spans'), `${scopeAt}.spans`).forEach((sp, i) => spans.push(normalizeSpan(sp, `${scopeAt}.spans[${i}]`)));
    });
    return { resource: attributes(field(resource, 'attributes'), `${at}.resource.attributes`), spans };
  });
}

function normalizeSpan(value: unknown, at: string): OtlpSpan {
  const span = asObject(value, at);
  const status = asObject(field(span, 'status'), `${at}.status`);
  const message = asString(field(status, 'message'), `${at}.status.message`);
  const flags = Number(asBigInt(field(span, 'flags'), `${at}.flags`) & 0xffffffffn);
  const remote = (flags & SPAN_FLAGS_HAS_IS_REMOTE) !== 0 && (flags & SPAN_FLAGS_IS_REMOTE) !== 0;
  return {
    traceId: asId(field(span, 'traceId'), 16, `${at}.traceId`),
    spanId: asId(field(span, 'spanId'), 8, `${at}.spanId`),
    parentSpanId: asId(field(span, 'parentSpanId'), 8, `${at}.parentSpanId`),
    ...(remote ? { parentIsRemote: true } : {}),
    name: asString(field(span, 'name'), `${at}.name`),
    startNs: asBigInt(field(span, 'startTimeUnixNano'), `${at}.startTimeUnixNano`),
    endNs: asBigInt(field(span, 'endTimeUnixNano'), `${at}.endTimeUnixNano`),
    statusCode: asEnum(field(status, 'code'), STATUS_CODES, `${at}.status.code`),
    statusMessage: message || undefined,
    attributes: attributes(field(span, 'attributes'), `${at}.attributes`),
  };
}

/** An ExportMetricsServiceRequest as a plain object → gauge, sum and histogram points. */
export function normalizeMetricsRequest(request: unknown): OtlpResourceMetrics[] {
  const root = asObject(request, 'body');
  return asArray(field(root, 'resourceMetrics'), 'resourceMetrics').map((rm, r) => {
    const at = `resourceMetrics[${r}]`;
    const resourceMetrics = asObject(rm, at);
    const resource = asObject(field(resourceMetrics, 'resource'), `${at}.resource`);
    const out: OtlpResourceMetrics = { resource: attributes(field(resource, 'attributes'), `${at}.resource.attributes`), metrics: [], unsupportedPoints: 0 };
    asArray(field(resourceMetrics, 'scopeMetrics'), `${at}.scopeMetrics`).forEach((sm, s) => {
      const scopeAt = `${at}.scopeMetrics[${s}]`;
      asArray(field(asObject(sm, scopeAt), 'metrics'), `${scopeAt}.metrics`).forEach((m, i) => {
        const metric = normalizeMetric(m, `${scopeAt}.metrics[${i}]`);
        if ('unsupported' in metric) out.unsupportedPoints += metric.unsupported;
        else out.metrics.push(metric);
      });
    });
    return out;
  });
}

function normalizeMetric(value: unknown, at: string): OtlpMetric | { unsupported: number } {
  const metric = asObject(value, at);
  const name = asString(field(metric, 'name'), `${at}.name`);
  const unit = asString(field(metric, 'unit'), `${at}.unit`);
  const kinds: MetricKind[] = ['gauge', 'sum', 'histogram'];
  for (const kind of kinds) {
    const data = field(metric, kind);
    if (data === undefined || data === null) continue;
    const body = asObject(data, `${at}.${kind}`);
    const temporality = kind === 'gauge' ? undefined : asEnum(field(body, 'aggregationTemporality'), TEMPORALITIES, `${at}.${kind}.aggregationTemporality`);
    const points = asArray(field(body, 'dataPoints'), `${at}.${kind}.dataPoints`).map((p, i) =>
      kind === 'histogram' ? histogramPoint(p, `${at}.${kind}.dataPoints[${i}]`) : numberPoint(p, `${at}.${kind}.dataPoints[${i}]`),
    );
    return { name, unit, kind, temporality, points };
  }
  for (const other of ['exponentialHistogram', 'summary']) {
    const data = field(metric, other);
    if (data !== undefined && data !== null) {
      return { unsupported: asArray(field(asObject(data, `${at}.${other}`), 'dataPoints'), `${at}.${other}.dataPoints`).length };
    }
  }
  return { unsupported: 0 };
}

function numberPoint(value: unknown, at: string): OtlpDataPoint {
  const point = asObject(value, at);
  const asInt = field(point, 'asInt');
  const asDoubleValue = field(point, 'asDouble');
  const numeric =
    asDoubleValue !== undefined && asDoubleValue !== null
      ? asDouble(asDoubleValue, `${at}.asDouble`)
      : asInt !== undefined && asInt !== null
        ? Number(asBigInt(asInt, `${at}.asInt`))
        : undefined;
  return {
    attributes: attributes(field(point, 'attributes'), `${at}.attributes`),
    timeNs: asBigInt(field(point, 'timeUnixNano'), `${at}.timeUnixNano`),
    value: numeric,
  };
}

function histogramPoint(value: unknown, at: string): OtlpDataPoint {
  const point = asObject(value, at);
  return {
    attributes: attributes(field(point, 'attributes'), `${at}.attributes`),
    timeNs: asBigInt(field(point, 'timeUnixNano'), `${at}.timeUnixNano`),
    count: Number(asBigInt(field(point, 'count'), `${at}.count`)),
    sum: optionalDouble(field(point, 'sum'), `${at}.sum`),
    min: optionalDouble(field(point, 'min'), `${at}.min`),
    max: optionalDouble(field(point, 'max'), `${at}.max`),
  };
}
