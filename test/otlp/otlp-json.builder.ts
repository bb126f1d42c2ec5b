import { randomBytes } from 'node:crypto';

/**
 * OTLP export requests written by hand, with the trace, span and parent ids a test chooses, so a
 * test can send exactly what an instrumentation emits (attribute names and structure taken from
 * the captures under test/instrumentations/captures) as OTLP JSON or protobuf.
 */
export type Value = string | number | boolean | string[];

export interface SpanSpec {
  name: string;
  spanId: string;
  parentSpanId?: string;
  startMs: number;
  endMs: number;
  attributes: Record<string, Value>;
  /** Span status ERROR with this message. */
  error?: string;
  /** Other trace than the export's first (hex, 16 bytes). */
  traceId?: string;
}

export const hexId = (bytes: 8 | 16): string => randomBytes(bytes).toString('hex');

function anyValue(value: Value): Record<string, unknown> {
  if (Array.isArray(value)) return { arrayValue: { values: value.map((v) => ({ stringValue: v })) } };
  if (typeof value === 'boolean') return { boolValue: value };
  if (typeof value === 'number') return Number.isInteger(value) ? { intValue: String(value) } : { doubleValue: value };
  return { stringValue: value };
}

const attributes = (attrs: Record<string, Value>) => Object.entries(attrs).map(([key, value]) => ({ key, value: anyValue(value) }));
const nanos = (ms: number) => (BigInt(Math.round(ms * 1000)) * 1000n).toString();

/** OTLP JSON (ExportTraceServiceRequest) with one resource and one scope. */
export function traceExport(resource: Record<string, Value>, traceId: string, spans: SpanSpec[]): Record<string, unknown> {
  return {
    resourceSpans: [
      {
        resource: { attributes: attributes(resource) },
        scopeSpans: [
          {
            scope: { name: 'fleetwatch-test' },
            spans: spans.map((s) => ({
              traceId: s.traceId ?? traceId,
              spanId: s.spanId,
              ...(s.parentSpanId ? { parentSpanId: s.parentSpanId } : {}),
              name: s.name,
              kind: 1,
              startTimeUnixNano: nanos(s.startMs),
              endTimeUnixNano: nanos(s.endMs),
              attributes: attributes(s.attributes),
              status: s.error ? { code: 2, message: s.error } : {},
            })),
          },
        ],
      },
    ],
  };
}

/** The same request in protobufjs object form (ids as bytes), for encodeProtobufRequest. */
export function asProtobufObject(request: Record<string, unknown>): object {
  return JSON.parse(JSON.stringify(request), (key, value: unknown) =>
    ['traceId', 'spanId', 'parentSpanId'].includes(key) && typeof value === 'string' ? Buffer.from(value, 'hex') : value,
  ) as object;
}
