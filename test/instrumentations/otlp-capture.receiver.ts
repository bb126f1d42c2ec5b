/**
 * A tiny OTLP/HTTP receiver for the fixtures: it takes traces and metrics in JSON or protobuf (any
 * path ending in /v1/traces or /v1/metrics, so Langfuse's /api/public/otel prefix lands too) and
 * keeps them flattened into what the mapping reads: names, kinds, parents, statuses, attributes.
 */
import generatedRoot from '@opentelemetry/otlp-transformer/build/src/generated/root';
import { createServer, IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

interface MessageType {
  decode(reader: Uint8Array): object;
  toObject(message: object, options: { longs?: unknown; bytes?: unknown }): unknown;
}
type Collector = Record<'trace' | 'metrics', { v1: Record<string, MessageType> }>;
const collector = (generatedRoot as unknown as { opentelemetry: { proto: { collector: Collector } } }).opentelemetry.proto.collector;

export type Flat = Record<string, unknown>;

export interface CapturedSpan {
  trace: number;
  name: string;
  kind: string;
  parent: string | null;
  status: { code: string; message?: string };
  attributes: Flat;
  events: Array<{ name: string; attributes: Flat }>;
  resource: Flat;
  scope: { name: string; version?: string };
}

export interface CapturedMetric {
  name: string;
  unit: string;
  kind: string;
  temporality?: string;
  points: Flat[];
  resource: Flat;
  scope: { name: string; version?: string };
}

export interface ReceivedExport {
  path: string;
  contentType: string;
  authorization: string;
}

export interface CaptureReceiver {
  url: string;
  exports: ReceivedExport[];
  /** Spans in the order they started, parents named instead of ids so captures diff cleanly. */
  spans(): CapturedSpan[];
  metrics(): CapturedMetric[];
  reset(): void;
  close(): Promise<void>;
}

const KINDS = ['UNSPECIFIED', 'INTERNAL', 'SERVER', 'CLIENT', 'PRODUCER', 'CONSUMER'];
const STATUS = ['UNSET', 'OK', 'ERROR'];
const TEMPORALITY = ['UNSPECIFIED', 'DELTA', 'CUMULATIVE'];

type Json = Record<string, unknown>;

/** Scalars as text; anything else (absent, objects) as ''. */
function str(v: unknown): string {
  return typeof v === 'string' ? v : typeof v === 'number' || typeof v === 'bigint' ? String(v) : '';
}

function anyValue(v: Json | undefined): unknown {
  if (!v) return null;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('arrayValue' in v) return ((v.arrayValue as Json).values as Json[] | undefined)?.map(anyValue) ?? [];
  if ('kvlistValue' in v) return attributes((v.kvlistValue as Json).values as Json[]);
  if ('bytesValue' in v) return hex(v.bytesValue);
  return null;
}

function attributes(list: Json[] | undefined): Flat {
  const out: Flat = {};
  for (const kv of list ?? []) out[kv.key as string] = anyValue(kv.value as Json);
  return out;
}

/** JSON carries ids as hex, protobufjs as bytes. */
function hex(id: unknown): string {
  if (typeof id === 'string') return id;
  if (id instanceof Uint8Array) return Buffer.from(id).toString('hex');
  return '';
}

function enumName(names: string[], value: unknown): string {
  return typeof value === 'number'
    ? (names[value] ?? String(value))
    : typeof value === 'string'
      ? value.replace(/^(SPAN_KIND_|STATUS_CODE_|AGGREGATION_TEMPORALITY_)/, '')
      : names[0];
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function decode(signal: 'trace' | 'metrics', contentType: string, body: Buffer): Json {
  if (contentType.includes('json')) return JSON.parse(body.toString('utf8')) as Json;
  const type = collector[signal].v1[signal === 'trace' ? 'ExportTraceServiceRequest' : 'ExportMetricsServiceRequest'];
  return type.toObject(type.decode(body), { longs: String }) as Json;
}

interface RawSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string;
  start: bigint;
  span: Omit<CapturedSpan, 'trace' | 'parent'>;
}

function flattenTraces(request: Json, into: RawSpan[]): void {
  for (const rs of (request.resourceSpans as Json[] | undefined) ?? []) {
    const resource = attributes((rs.resource as Json | undefined)?.attributes as Json[]);
    for (const ss of (rs.scopeSpans as Json[] | undefined) ?? []) {
      const scopeJson = (ss.scope as Json | undefined) ?? {};
      const scope = { name: str(scopeJson.name), ...(scopeJson.version ? { version: str(scopeJson.version) } : {}) };
      for (const s of (ss.spans as Json[] | undefined) ?? []) {
        const status = (s.status as Json | undefined) ?? {};
        into.push({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          parentSpanId: hex(s.parentSpanId),
          start: BigInt(str(s.startTimeUnixNano) || '0'),
          span: {
            name: String(s.name),
            kind: enumName(KINDS, s.kind),
            status: { code: enumName(STATUS, status.code), ...(status.message ? { message: str(status.message) } : {}) },
            attributes: attributes(s.attributes as Json[]),
            events: ((s.events as Json[] | undefined) ?? []).map((e) => ({ name: String(e.name), attributes: attributes(e.attributes as Json[]) })),
            resource,
            scope,
          },
        });
      }
    }
  }
}

function flattenMetrics(request: Json, into: CapturedMetric[]): void {
  for (const rm of (request.resourceMetrics as Json[] | undefined) ?? []) {
    const resource = attributes((rm.resource as Json | undefined)?.attributes as Json[]);
    for (const sm of (rm.scopeMetrics as Json[] | undefined) ?? []) {
      const scopeJson = (sm.scope as Json | undefined) ?? {};
      const scope = { name: str(scopeJson.name), ...(scopeJson.version ? { version: str(scopeJson.version) } : {}) };
      for (const m of (sm.metrics as Json[] | undefined) ?? []) {
        const kind = ['sum', 'gauge', 'histogram', 'exponentialHistogram', 'summary'].find((k) => k in m) ?? 'unknown';
        const data = (m[kind] as Json | undefined) ?? {};
        const points = ((data.dataPoints as Json[] | undefined) ?? []).map((p) => {
          const point: Flat = { attributes: attributes(p.attributes as Json[]) };
          for (const key of ['asInt', 'asDouble', 'count', 'sum', 'min', 'max']) if (key in p) point[key] = Number(p[key]);
          return point;
        });
        const temporality = data.aggregationTemporality === undefined ? undefined : enumName(TEMPORALITY, data.aggregationTemporality);
        into.push({ name: String(m.name), unit: str(m.unit), kind, ...(temporality ? { temporality } : {}), points, resource, scope });
      }
    }
  }
}

function orderSpans(raw: RawSpan[]): CapturedSpan[] {
  const sorted = [...raw].sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  const byId = new Map(sorted.map((r) => [r.spanId, r]));
  const traces: string[] = [];
  return sorted.map((r) => {
    if (!traces.includes(r.traceId)) traces.push(r.traceId);
    const parent = r.parentSpanId ? (byId.get(r.parentSpanId)?.span.name ?? `(unreceived ${r.parentSpanId})`) : null;
    return { trace: traces.indexOf(r.traceId), ...r.span, parent };
  });
}

export async function startCaptureReceiver(): Promise<CaptureReceiver> {
  const exports: ReceivedExport[] = [];
  let raw: RawSpan[] = [];
  let metrics: CapturedMetric[] = [];
  const server = createServer((req, res) => {
    void readBody(req).then((body) => {
      const path = (req.url ?? '').split('?')[0];
      const signal = path.endsWith('/v1/traces') ? 'trace' : path.endsWith('/v1/metrics') ? 'metrics' : undefined;
      const contentType = String(req.headers['content-type'] ?? '');
      if (req.method !== 'POST' || !signal) {
        res.writeHead(404).end();
        return;
      }
      exports.push({ path, contentType, authorization: String(req.headers.authorization ?? '') });
      try {
        const bytes = req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
        const request = decode(signal, contentType, bytes);
        if (signal === 'trace') flattenTraces(request, raw);
        else flattenMetrics(request, metrics);
      } catch (error) {
        res.writeHead(400, { 'content-type': 'text/plain' }).end(`undecodable export: ${String(error)}`);
        return;
      }
      if (contentType.includes('json')) res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      else res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports,
    spans: () => orderSpans(raw),
    metrics: () => metrics,
    reset: () => {
      exports.length = 0;
      raw = [];
      metrics = [];
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
