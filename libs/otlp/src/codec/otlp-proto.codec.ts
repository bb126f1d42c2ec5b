/**
 * Protobuf encoding through protobufjs message classes generated (pbjs static-module) from the
 * official opentelemetry-proto files. They ship inside @opentelemetry/otlp-transformer, pinned to
 * 0.216.0: the last release that still carries the trace and metrics messages in that module.
 * The path is not part of that package's public API, so this file is the only one that touches it.
 */
import generatedRoot from '@opentelemetry/otlp-transformer/build/src/generated/root';

// The module's declaration types it as a protobufjs Root; it is the static module's namespace tree of message classes.
const generated = generatedRoot as unknown as GeneratedRoot;

interface MessageType {
  decode(reader: Uint8Array): object;
  encode(message: object): { finish(): Uint8Array };
  toObject(message: object, options: { longs?: unknown; enums?: unknown; bytes?: unknown; defaults?: boolean; arrays?: boolean }): unknown;
}

interface GeneratedRoot {
  opentelemetry: {
    proto: {
      collector: {
        trace: { v1: Record<'ExportTraceServiceRequest' | 'ExportTraceServiceResponse', MessageType> };
        metrics: { v1: Record<'ExportMetricsServiceRequest' | 'ExportMetricsServiceResponse', MessageType> };
      };
    };
  };
}

const trace = generated.opentelemetry.proto.collector.trace.v1;
const metrics = generated.opentelemetry.proto.collector.metrics.v1;

export type OtlpSignal = 'traces' | 'metrics';

/** Decodes a request into a plain object: int64 as decimal strings, enums as numbers, bytes as Uint8Array. */
export function decodeProtobufRequest(signal: OtlpSignal, body: Uint8Array): unknown {
  const type = signal === 'traces' ? trace.ExportTraceServiceRequest : metrics.ExportMetricsServiceRequest;
  return type.toObject(type.decode(body), { longs: String });
}

export interface PartialSuccess {
  rejected: number;
  errorMessage: string;
}

/** An empty message (zero bytes) when nothing was refused, as OTLP/HTTP asks for full success. */
export function encodeProtobufResponse(signal: OtlpSignal, partial?: PartialSuccess): Buffer {
  if (!partial) return Buffer.alloc(0);
  const message =
    signal === 'traces'
      ? { partialSuccess: { rejectedSpans: partial.rejected, errorMessage: partial.errorMessage } }
      : { partialSuccess: { rejectedDataPoints: partial.rejected, errorMessage: partial.errorMessage } };
  const type = signal === 'traces' ? trace.ExportTraceServiceResponse : metrics.ExportMetricsServiceResponse;
  return Buffer.from(type.encode(message).finish());
}

/** Test and tooling helper: reads a response back with the same generated classes. */
export function decodeProtobufResponse(signal: OtlpSignal, body: Uint8Array): unknown {
  const type = signal === 'traces' ? trace.ExportTraceServiceResponse : metrics.ExportMetricsServiceResponse;
  return type.toObject(type.decode(body), { longs: String });
}

/** Test helper: encodes a request from a plain object in protobufjs form. */
export function encodeProtobufRequest(signal: OtlpSignal, request: object): Buffer {
  const type = signal === 'traces' ? trace.ExportTraceServiceRequest : metrics.ExportMetricsServiceRequest;
  return Buffer.from(type.encode(request).finish());
}

/** OTLP JSON: int64 as decimal strings, so large counters survive JavaScript's number precision. */
export function encodeJsonResponse(signal: OtlpSignal, partial?: PartialSuccess): Record<string, unknown> {
  if (!partial) return {};
  const rejected = String(partial.rejected);
  return signal === 'traces'
    ? { partialSuccess: { rejectedSpans: rejected, errorMessage: partial.errorMessage } }
    : { partialSuccess: { rejectedDataPoints: rejected, errorMessage: partial.errorMessage } };
}
