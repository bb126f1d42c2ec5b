import { OtlpResourceSpans, OtlpSpan, SPAN_STATUS_ERROR, Attributes } from '../codec/otlp-model';
import { count, LLM_OPERATIONS, nanosToIso, resolveAgentId, text, TOOL_OPERATION } from './genai-attributes';
import { IngestLlmCallItem, IngestToolCallItem } from './ingest-items';

/** Spans mapped to calls; `agentId` may be '' when no attribute names an agent (rejected later). */
export interface MappedSpans {
  llmCalls: IngestLlmCallItem[];
  toolCalls: IngestToolCallItem[];
  /** Spans that are no GenAI operation Fleetwatch stores (accepted, not stored). */
  ignored: number;
}

function durationMs(span: OtlpSpan): number {
  const ns = span.endNs - span.startNs;
  return ns > 0n ? Number(ns) / 1e6 : 0;
}

/** Error when the span status is ERROR or `error.type` is set (the GenAI conventions use both). */
function outcome(span: OtlpSpan): { status: 'success' | 'error'; errorType?: string } {
  const errorType = text(span.attributes, 'error.type');
  if (span.statusCode === SPAN_STATUS_ERROR || errorType) {
    return { status: 'error', errorType: errorType ?? span.statusMessage?.slice(0, 200) ?? 'error' };
  }
  return { status: 'success' };
}

export function toLlmCall(span: OtlpSpan, agentId: string): IngestLlmCallItem {
  const a: Attributes = span.attributes;
  const provider = text(a, 'gen_ai.provider.name', 'gen_ai.system');
  return {
    agentId,
    model: text(a, 'gen_ai.request.model', 'gen_ai.response.model') ?? 'unknown',
    ...(provider ? { provider } : {}),
    inputTokens: count(a, 'gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens') ?? 0,
    outputTokens: count(a, 'gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens') ?? 0,
    latencyMs: durationMs(span),
    ...outcome(span),
    ...(span.traceId ? { traceId: span.traceId } : {}),
    timestamp: nanosToIso(span.endNs),
  };
}

export function toToolCall(span: OtlpSpan, agentId: string): IngestToolCallItem {
  const tool =
    text(span.attributes, 'gen_ai.tool.name') ??
    (span.name
      .replace(/^execute_tool\s*/, '')
      .trim()
      .slice(0, 200) ||
      'unknown');
  return {
    agentId,
    tool,
    durationMs: durationMs(span),
    ...outcome(span),
    ...(span.traceId ? { traceId: span.traceId } : {}),
    timestamp: nanosToIso(span.endNs),
  };
}

/**
 * GenAI semantic conventions → calls: `gen_ai.operation.name` chat, text_completion,
 * generate_content or embeddings makes an LLM call, execute_tool a tool call; any other span is
 * counted as ignored.
 */
export function mapGenAiSpans(resources: OtlpResourceSpans[]): MappedSpans {
  const out: MappedSpans = { llmCalls: [], toolCalls: [], ignored: 0 };
  for (const { resource, spans } of resources) {
    for (const span of spans) {
      const operation = text(span.attributes, 'gen_ai.operation.name');
      const agentId = resolveAgentId(span.attributes, resource) ?? '';
      if (operation && LLM_OPERATIONS.has(operation)) out.llmCalls.push(toLlmCall(span, agentId));
      else if (operation === TOOL_OPERATION) out.toolCalls.push(toToolCall(span, agentId));
      else out.ignored += 1;
    }
  }
  return out;
}
