/**
 * A pass-through HTTP proxy between a fixture and Fleetwatch that keeps what the exporter sent and
 * what Fleetwatch answered. The exporters swallow the OTLP answer (a partialSuccess warning only
 * reaches their diagnostics log), and the tests need the exact span timings and ids the library
 * emitted to assert latency, time to first token, trace and span ids of the stored calls.
 */
import { ProtobufMetricsSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import generatedRoot from '@opentelemetry/otlp-transformer/build/src/generated/root';
import { createServer, IncomingMessage, request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';

interface MessageType {
  decode(reader: Uint8Array): object;
  toObject(message: object, options: { longs?: unknown; bytes?: unknown }): unknown;
}
type Collector = Record<'trace', { v1: Record<string, MessageType> }>;
const traceRequest = (generatedRoot as unknown as { opentelemetry: { proto: { collector: Collector } } }).opentelemetry.proto.collector.trace.v1
  .ExportTraceServiceRequest;

type Json = Record<string, unknown>;

export interface EmittedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  startNs: bigint;
  endNs: bigint;
  statusCode: number;
  statusMessage?: string;
  attributes: Record<string, unknown>;
  resource: Record<string, unknown>;
}

export interface PartialSuccessAnswer {
  rejected: number;
  errorMessage: string;
}

export interface RecordedExport {
  path: string;
  authorization: string;
  status: number;
  /** The decoded partialSuccess of a 200 answer; null when the answer carried none (or an empty one). */
  partialSuccess: PartialSuccessAnswer | null;
  /** Raw answer text for anything but a 200 (what the exporter would log). */
  errorBody?: string;
}

export interface RecordingProxy {
  url: string;
  exports: RecordedExport[];
  spans: EmittedSpan[];
  close(): Promise<void>;
}

function anyValue(v: Json | undefined): unknown {
  if (!v) return null;
  if ('stringValue' in v) return v.stringValue;
  if ('boolValue' in v) return v.boolValue;
  if ('intValue' in v) return Number(v.intValue);
  if ('doubleValue' in v) return Number(v.doubleValue);
  if ('arrayValue' in v) return ((v.arrayValue as Json).values as Json[] | undefined)?.map(anyValue) ?? [];
  return null;
}

function attributes(list: Json[] | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const kv of list ?? []) out[kv.key as string] = anyValue(kv.value as Json);
  return out;
}

/** JSON exports carry ids as hex, protobuf as bytes. */
function hex(id: unknown): string {
  if (typeof id === 'string') return id;
  if (id instanceof Uint8Array) return Buffer.from(id).toString('hex');
  return '';
}

/** Timestamps arrive as decimal strings (JSON, protobuf longs as String) or numbers. */
function nanos(v: unknown): bigint {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'bigint' ? BigInt(v) : 0n;
}

function spansOf(contentType: string, body: Buffer): EmittedSpan[] {
  const decoded = (
    contentType.includes('json') ? JSON.parse(body.toString('utf8')) : traceRequest.toObject(traceRequest.decode(body), { longs: String })
  ) as Json;
  const out: EmittedSpan[] = [];
  for (const rs of (decoded.resourceSpans as Json[] | undefined) ?? []) {
    const resource = attributes((rs.resource as Json | undefined)?.attributes as Json[]);
    for (const ss of (rs.scopeSpans as Json[] | undefined) ?? []) {
      for (const s of (ss.spans as Json[] | undefined) ?? []) {
        const status = (s.status as Json | undefined) ?? {};
        const code = typeof status.code === 'number' ? status.code : status.code === 'STATUS_CODE_ERROR' ? 2 : status.code === 'STATUS_CODE_OK' ? 1 : 0;
        out.push({
          traceId: hex(s.traceId),
          spanId: hex(s.spanId),
          parentSpanId: hex(s.parentSpanId),
          name: String(s.name),
          startNs: nanos(s.startTimeUnixNano),
          endNs: nanos(s.endTimeUnixNano),
          statusCode: code,
          ...(typeof status.message === 'string' && status.message ? { statusMessage: status.message } : {}),
          attributes: attributes(s.attributes as Json[]),
          resource,
        });
      }
    }
  }
  return out;
}

function partialSuccess(path: string, contentType: string, body: Buffer): PartialSuccessAnswer | null {
  if (body.length === 0) return null;
  let partial: { rejectedSpans?: unknown; rejectedDataPoints?: unknown; errorMessage?: unknown } | undefined;
  if (contentType.includes('json')) partial = (JSON.parse(body.toString('utf8')) as { partialSuccess?: typeof partial }).partialSuccess;
  else {
    const serializer = path.endsWith('/v1/metrics') ? ProtobufMetricsSerializer : ProtobufTraceSerializer;
    partial = serializer.deserializeResponse(new Uint8Array(body)).partialSuccess;
  }
  if (!partial) return null;
  const rejected = Number(partial.rejectedSpans ?? partial.rejectedDataPoints ?? 0);
  const errorMessage = typeof partial.errorMessage === 'string' ? partial.errorMessage : '';
  return rejected === 0 && errorMessage === '' ? null : { rejected, errorMessage };
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
  });
}

/** Forwards every request to `target` (a base URL) unchanged and records OTLP exports and answers. */
export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const upstream = new URL(target);
  const exports: RecordedExport[] = [];
  const spans: EmittedSpan[] = [];
  const server = createServer((req, res) => {
    void (async () => {
      const body = await readBody(req);
      const path = (req.url ?? '').split('?')[0];
      const requestType = String(req.headers['content-type'] ?? '');
      if (path.endsWith('/v1/traces')) spans.push(...spansOf(requestType, req.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body));
      const answer = await new Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }>((resolve, reject) => {
        const forward = request(
          { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
          (upstreamRes) =>
            void readBody(upstreamRes).then((b) => resolve({ status: upstreamRes.statusCode ?? 502, headers: upstreamRes.headers, body: b }), reject),
        );
        forward.on('error', reject);
        forward.end(body);
      });
      if (path.endsWith('/v1/traces') || path.endsWith('/v1/metrics')) {
        const answerType = String(answer.headers['content-type'] ?? '');
        exports.push({
          path,
          authorization: String(req.headers.authorization ?? ''),
          status: answer.status,
          partialSuccess: answer.status === 200 ? partialSuccess(path, answerType, answer.body) : null,
          ...(answer.status === 200 ? {} : { errorBody: answer.body.toString('utf8').slice(0, 500) }),
        });
      }
      res.writeHead(answer.status, answer.headers);
      res.end(answer.body);
    })().catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'text/plain' });
      res.end(`recording proxy: ${String(error)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    exports,
    spans,
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
