import { Attributes, Span, SpanStatusCode } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtoTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, InMemorySpanExporter, ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import type { AddressInfo } from 'node:net';
import { TestApp } from '../support/test-app';

type TraceExporterOptions = NonNullable<ConstructorParameters<typeof ProtoTraceExporter>[0]>;
/** The exporters' CompressionAlgorithm enum value, without importing their internal base package. */
export const GZIP = 'gzip' as NonNullable<TraceExporterOptions['compression']>;

/** Listens on an ephemeral loopback port (the real OTLP exporters need a URL); returns the base URL. */
export async function listen(t: TestApp): Promise<string> {
  await t.app.listen(0, '127.0.0.1');
  const address = t.app.getHttpServer().address() as AddressInfo;
  return `http://127.0.0.1:${address.port}`;
}

export interface SpanSpec {
  name: string;
  attributes: Attributes;
  startMs: number;
  endMs: number;
  error?: string;
}

/**
 * Makes real SDK spans (BasicTracerProvider) with the given resource attributes; they are
 * collected in memory so a test can hand the same spans to one exporter and assert the result.
 */
export function makeSpans(resource: Attributes, specs: SpanSpec[]): ReadableSpan[] {
  const memory = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ resource: resourceFromAttributes(resource), spanProcessors: [new SimpleSpanProcessor(memory)] });
  const tracer = provider.getTracer('fleetwatch-otlp-test');
  for (const spec of specs) {
    const span: Span = tracer.startSpan(spec.name, { startTime: new Date(spec.startMs), attributes: spec.attributes });
    if (spec.error) span.setStatus({ code: SpanStatusCode.ERROR, message: spec.error });
    span.end(new Date(spec.endMs));
  }
  return memory.getFinishedSpans();
}

export type Encoding = 'protobuf' | 'json';

export function traceExporter(base: string, encoding: Encoding, headers: Record<string, string>, gzip = false): ProtoTraceExporter | JsonTraceExporter {
  const options: TraceExporterOptions = { url: `${base}/api/otlp/v1/traces`, headers, ...(gzip ? { compression: GZIP } : {}) };
  return encoding === 'protobuf' ? new ProtoTraceExporter(options) : new JsonTraceExporter(options);
}

/** Exports through a real OTLP exporter and resolves with its result code (0 = SUCCESS). */
export function exportSpans(exporter: ProtoTraceExporter | JsonTraceExporter, spans: ReadableSpan[]): Promise<{ code: number; error?: Error }> {
  return new Promise((resolve) => exporter.export(spans, (result) => resolve(result)));
}

export function spanError(span: ReadableSpan): boolean {
  return span.status.code === SpanStatusCode.ERROR;
}

/** supertest parser that keeps a binary (protobuf) response body as a Buffer. */
export function binaryParser(res: unknown, callback: (error: Error | null, body: Buffer) => void): void {
  const stream = res as NodeJS.ReadableStream;
  const chunks: Buffer[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  stream.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** OTLP JSON bytes from the SDK's serializer as text (superagent would JSON-encode a Buffer). */
export function jsonText(bytes: Uint8Array | undefined): string {
  return new TextDecoder().decode(bytes);
}
