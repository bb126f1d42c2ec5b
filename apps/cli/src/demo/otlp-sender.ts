import { Attributes, SpanKind, SpanStatusCode, Tracer } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BasicTracerProvider, BatchSpanProcessor, ReadableSpan, SpanExporter } from '@opentelemetry/sdk-trace-base';
import { LlmCallItem, ToolCallItem } from './telemetry-generator';

type ExportCallback = Parameters<SpanExporter['export']>[1];
type ExportResultCode = Parameters<ExportCallback>[0]['code'];
/** ExportResultCode.SUCCESS of @opentelemetry/core, which the demo does not depend on directly. */
const EXPORT_SUCCESS: ExportResultCode = 0;

/** Passes spans to the OTLP exporter and counts what the server took, for the progress line. */
class CountingExporter implements SpanExporter {
  exported = 0;
  failed = 0;
  lastError?: string;

  constructor(private readonly inner: SpanExporter) {}

  export(spans: ReadableSpan[], done: ExportCallback): void {
    this.inner.export(spans, (result) => {
      if (result.code === EXPORT_SUCCESS) this.exported += spans.length;
      else {
        this.failed += spans.length;
        this.lastError = result.error?.message ?? 'export failed';
      }
      done(result);
    });
  }

  shutdown(): Promise<void> {
    return this.inner.shutdown();
  }

  forceFlush(): Promise<void> {
    return this.inner.forceFlush?.() ?? Promise.resolve();
  }
}

/**
 * GenAI spans through the real OpenTelemetry SDK and its OTLP/protobuf exporter, the way an
 * instrumented agent would send them. The agent is named per span by `fleetwatch.agent.id`, so one
 * provider serves the whole fleet.
 */
export class OtlpSender {
  private readonly counting: CountingExporter;
  private readonly provider: BasicTracerProvider;
  private readonly tracer: Tracer;

  constructor(baseUrl: string, apiKey: string) {
    const exporter = new OTLPTraceExporter({ url: `${baseUrl}/api/otlp/v1/traces`, headers: { authorization: `Bearer ${apiKey}` } });
    this.counting = new CountingExporter(exporter);
    this.provider = new BasicTracerProvider({
      resource: resourceFromAttributes({ 'service.name': 'fleetwatch-demo', 'service.version': '1.0.0' }),
      // Flushed at the end of every tick; the batch limits only matter if a tick grows large.
      spanProcessors: [new BatchSpanProcessor(this.counting, { maxQueueSize: 10_000, maxExportBatchSize: 1000, scheduledDelayMillis: 60_000 })],
    });
    this.tracer = this.provider.getTracer('fleetwatch-demo');
  }

  get exported(): number {
    return this.counting.exported;
  }

  get failed(): number {
    return this.counting.failed;
  }

  get lastError(): string | undefined {
    return this.counting.lastError;
  }

  chat(call: LlmCallItem): void {
    const end = new Date(call.timestamp);
    const attributes: Attributes = {
      'fleetwatch.agent.id': call.agentId,
      'gen_ai.operation.name': 'chat',
      'gen_ai.provider.name': call.provider,
      'gen_ai.request.model': call.model,
      'gen_ai.response.model': call.model,
      'gen_ai.usage.input_tokens': call.inputTokens,
      'gen_ai.usage.output_tokens': call.outputTokens,
      'gen_ai.usage.cache_read.input_tokens': call.cacheReadInputTokens ?? 0,
      'gen_ai.usage.reasoning.output_tokens': call.reasoningOutputTokens ?? 0,
    };
    const span = this.tracer.startSpan(`chat ${call.model}`, { kind: SpanKind.CLIENT, startTime: new Date(end.getTime() - call.latencyMs), attributes });
    if (call.status === 'error') {
      span.setAttribute('error.type', call.errorType ?? 'error');
      span.setStatus({ code: SpanStatusCode.ERROR, message: call.errorType });
    }
    span.end(end);
  }

  tool(call: ToolCallItem): void {
    const end = new Date(call.timestamp);
    const attributes: Attributes = { 'fleetwatch.agent.id': call.agentId, 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': call.tool };
    const span = this.tracer.startSpan(`execute_tool ${call.tool}`, {
      kind: SpanKind.INTERNAL,
      startTime: new Date(end.getTime() - call.durationMs),
      attributes,
    });
    if (call.status === 'error') {
      span.setAttribute('error.type', call.errorType ?? 'error');
      span.setStatus({ code: SpanStatusCode.ERROR, message: call.errorType });
    }
    span.end(end);
  }

  flush(): Promise<void> {
    return this.provider.forceFlush();
  }

  /** Flushes what is queued, then stops the exporter (Ctrl-C must not lose the last spans). */
  shutdown(): Promise<void> {
    return this.provider.shutdown();
  }
}
