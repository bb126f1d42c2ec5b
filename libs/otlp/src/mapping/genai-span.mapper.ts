import type { OtlpResourceSpans } from '../codec/otlp-model';
import { nanosToIso, spanDurationMs } from './genai-attributes';
import { IngestLlmCallItem, IngestToolCallItem, OtlpRunItem, SpanPlacement } from './ingest-items';
import { AssembledTrace, assembleTraces, ClassifiedSpan, spanFailed } from './trace.assembler';

/** A span no convention recognised: its name and attribute keys, for the unmapped report. */
export interface UnmappedSpan {
  name: string;
  attributeKeys: string[];
}

/** A run and how many spans it stands for (its run span, when this export carries it). */
export interface MappedRun {
  item: OtlpRunItem;
  points: number;
}

/** Spans mapped to calls and runs; `agentId` may be '' when no attribute names an agent (rejected later). */
export interface MappedSpans {
  llmCalls: (IngestLlmCallItem & SpanPlacement)[];
  toolCalls: (IngestToolCallItem & SpanPlacement)[];
  runs: MappedRun[];
  /** Recognised spans that are no call themselves (run spans, chain steps, parents of leaf calls). */
  structural: number;
  unmapped: UnmappedSpan[];
}

function outcome(entry: ClassifiedSpan): { status: 'success' | 'error'; errorType?: string } {
  const errorType = spanFailed(entry);
  return errorType ? { status: 'error', errorType } : { status: 'success' };
}

function placement(entry: ClassifiedSpan): SpanPlacement & Pick<IngestLlmCallItem, 'runId' | 'conversationId' | 'traceId'> {
  const { span } = entry;
  return {
    ...(span.traceId ? { traceId: span.traceId } : {}),
    ...(entry.runId ? { runId: entry.runId } : {}),
    ...(entry.conversationId ? { conversationId: entry.conversationId } : {}),
    ...(span.spanId ? { spanId: span.spanId } : {}),
    ...(span.parentSpanId ? { parentSpanId: span.parentSpanId } : {}),
  };
}

function toLlmCall(entry: ClassifiedSpan): IngestLlmCallItem & SpanPlacement {
  const { span } = entry;
  const facts = entry.facts ?? { role: 'llm', convention: 'genai' };
  const model = facts.model ?? facts.responseModel ?? 'unknown';
  return {
    agentId: entry.agentId,
    model,
    ...(facts.responseModel && facts.responseModel !== model ? { responseModel: facts.responseModel } : {}),
    ...(facts.provider ? { provider: facts.provider } : {}),
    ...(facts.usage ?? { inputTokens: 0, outputTokens: 0 }),
    latencyMs: spanDurationMs(span.startNs, span.endNs),
    ...(facts.timeToFirstTokenMs !== undefined ? { timeToFirstTokenMs: facts.timeToFirstTokenMs } : {}),
    ...outcome(entry),
    ...placement(entry),
    timestamp: nanosToIso(span.endNs),
  };
}

function toToolCall(entry: ClassifiedSpan): IngestToolCallItem & SpanPlacement {
  const { span } = entry;
  return {
    agentId: entry.agentId,
    tool: (entry.facts?.tool ?? span.name).trim().slice(0, 200) || 'unknown',
    durationMs: spanDurationMs(span.startNs, span.endNs),
    ...outcome(entry),
    ...placement(entry),
    timestamp: nanosToIso(span.endNs),
  };
}

/**
 * The trace's run, when this export carries its run span (else its root span): id = the trace
 * id; name, status, start and end from that span. An export with neither saw only inner spans;
 * it sends no run item, because a run item's status and end overwrite the stored ones: its
 * calls, which name the run, only add to the run's totals (or open it as running).
 */
function toRun(trace: AssembledTrace, calls: ClassifiedSpan[]): MappedRun | undefined {
  const head = trace.runSpan ?? trace.root;
  if (!trace.traceId || !head || (calls.length === 0 && !trace.runSpan)) return undefined;
  const agentId = head.agentId || calls.find((c) => c.agentId)?.agentId || '';
  const name = (head.facts?.role === 'run' ? head.facts.name : undefined) ?? head.span.name;
  return {
    item: {
      id: trace.traceId,
      agentId,
      conversationId: trace.conversationId ?? null,
      name: name ? name.slice(0, 200) : null,
      status: spanFailed(head) ? 'error' : 'success',
      startedAt: nanosToIso(head.span.startNs),
      endedAt: nanosToIso(head.span.endNs),
      metadata: { source: 'otlp', conventions: [...new Set(trace.spans.map((e) => e.facts?.convention).filter(Boolean))] },
      traceId: trace.traceId,
      spanId: head.span.spanId ?? null,
    },
    points: trace.runSpan ? 1 : 0,
  };
}

/**
 * OTLP spans → LLM calls, tool calls and runs, through the conventions of docs/otlp.md
 * (OpenTelemetry GenAI, Vercel AI SDK, OpenInference, OpenLLMetry, Langfuse). Spans no
 * convention recognises are listed in `unmapped`, never dropped silently.
 */
export function mapGenAiSpans(resources: OtlpResourceSpans[]): MappedSpans {
  const out: MappedSpans = { llmCalls: [], toolCalls: [], runs: [], structural: 0, unmapped: [] };
  for (const trace of assembleTraces(resources)) {
    const calls: ClassifiedSpan[] = [];
    for (const entry of trace.spans) {
      const role = entry.facts?.role;
      if (role === 'llm') out.llmCalls.push(toLlmCall(entry));
      else if (role === 'tool') out.toolCalls.push(toToolCall(entry));
      else if (role) out.structural += entry === trace.runSpan ? 0 : 1;
      else out.unmapped.push({ name: entry.span.name, attributeKeys: Object.keys(entry.span.attributes) });
      if (role === 'llm' || role === 'tool') calls.push(entry);
    }
    const run = toRun(trace, calls);
    if (run) out.runs.push(run);
  }
  return out;
}
