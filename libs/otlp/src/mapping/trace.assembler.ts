import { Attributes, OtlpResourceSpans, OtlpSpan, SPAN_STATUS_ERROR } from '../codec/otlp-model';
import { resolveAgentId, text } from './genai-attributes';
import type { SpanFacts } from './span-facts.model';
import { classifySpan } from './span-conventions.registry';

/** One span with what its convention says and the agent it names. */
export interface ClassifiedSpan {
  span: OtlpSpan;
  resource: Attributes;
  agentId: string;
  /** Undefined: no convention recognised the span. */
  facts?: SpanFacts;
  /** The run it belongs to (its trace id) and the conversation known in the trace. */
  runId?: string;
  conversationId?: string;
}

/** A trace's spans in this export, with its run's facts. */
export interface AssembledTrace {
  traceId?: string;
  spans: ClassifiedSpan[];
  /** The outermost run span (invoke_agent, ai.generateText, AGENT …) in this export, if any. */
  runSpan?: ClassifiedSpan;
  /** The trace's root span (no parent, or a remote one: the local root), when this export carries it. */
  root?: ClassifiedSpan;
  conversationId?: string;
}

export function spanFailed(entry: ClassifiedSpan): string | undefined {
  const { span, facts } = entry;
  const errorType = text(span.attributes, 'error.type');
  if (errorType) return errorType;
  if (facts?.errorType) return facts.errorType;
  if (span.statusCode === SPAN_STATUS_ERROR) return span.statusMessage?.slice(0, 200) || 'error';
  return undefined;
}

function groupByTrace(resources: OtlpResourceSpans[]): Map<string, ClassifiedSpan[]> {
  const traces = new Map<string, ClassifiedSpan[]>();
  let anonymous = 0;
  for (const { resource, spans } of resources) {
    for (const span of spans) {
      const key = span.traceId ?? `no-trace-${anonymous++}`;
      const entry: ClassifiedSpan = { span, resource, agentId: resolveAgentId(span.attributes, resource) ?? '', facts: classifySpan(span) };
      const list = traces.get(key);
      if (list) list.push(entry);
      else traces.set(key, [entry]);
    }
  }
  return traces;
}

/** Ancestors of a span that this export carries, nearest first (cycles cut). */
function ancestors(entry: ClassifiedSpan, byId: Map<string, ClassifiedSpan>): ClassifiedSpan[] {
  const out: ClassifiedSpan[] = [];
  const seen = new Set<string>();
  let parentId = entry.span.parentSpanId;
  while (parentId && !seen.has(parentId)) {
    seen.add(parentId);
    const parent = byId.get(parentId);
    if (!parent) break;
    out.push(parent);
    parentId = parent.span.parentSpanId;
  }
  return out;
}

/**
 * Counted once: an LLM (tool) span with an LLM (tool) span beneath it — a framework's call over
 * the provider instrumentation's, a Langfuse generation over another — sums or repeats its
 * children, so only the leaves stay calls; the outer one becomes structure.
 */
function keepLeaves(spans: ClassifiedSpan[], byId: Map<string, ClassifiedSpan>): void {
  const outer = new Set<ClassifiedSpan>();
  for (const entry of spans) {
    const role = entry.facts?.role;
    if (role !== 'llm' && role !== 'tool') continue;
    for (const up of ancestors(entry, byId)) if (up.facts?.role === role) outer.add(up);
  }
  for (const entry of outer) if (entry.facts) entry.facts = { ...entry.facts, role: 'structure' };
}

function assemble(traceId: string | undefined, spans: ClassifiedSpan[]): AssembledTrace {
  const byId = new Map<string, ClassifiedSpan>();
  for (const entry of spans) if (entry.span.spanId) byId.set(entry.span.spanId, entry);
  keepLeaves(spans, byId);
  const runSpans = spans.filter((e) => e.facts?.role === 'run' && !ancestors(e, byId).some((up) => up.facts?.role === 'run'));
  const runSpan = runSpans.sort((a, b) => (a.span.startNs < b.span.startNs ? -1 : a.span.startNs > b.span.startNs ? 1 : 0))[0];
  // A parent in another process (a gateway's server span) is never exported here: the local root stands for the root.
  const root = spans.find((e) => !e.span.parentSpanId) ?? spans.find((e) => e.span.parentIsRemote);
  const ordered = [runSpan, root, ...spans].filter((e): e is ClassifiedSpan => e !== undefined);
  const conversationId = ordered.find((e) => e.facts?.conversationId)?.facts?.conversationId;
  for (const entry of spans) {
    if (traceId) entry.runId = traceId;
    entry.conversationId = entry.facts?.conversationId ?? conversationId;
  }
  return { traceId, spans, runSpan, root, conversationId };
}

/**
 * Spans grouped per trace, classified by the conventions, with the double counts removed. A run
 * is one trace: its id is the trace id, so every export of a trace — children are often exported
 * before their root — names the same run; the export that carries the root gives its name,
 * status and end.
 */
export function assembleTraces(resources: OtlpResourceSpans[]): AssembledTrace[] {
  return [...groupByTrace(resources)].map(([key, spans]) => assemble(key.startsWith('no-trace-') ? undefined : key, spans));
}
