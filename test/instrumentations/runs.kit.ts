/**
 * Runs, conversations and unmapped spans as the owner reads them over HTTP, reduced to the fields
 * a user checks, and the expected values built from the root span of each run and its calls.
 */
import { costUnits, Rates, usd } from './catalogue-rates.kit';
import { InstrumentationRun, spanEndIso, spanStartIso } from './instrumentation-e2e.kit';
import type { EmittedSpan } from './otlp-recording.proxy';
import { ExpectedCall } from './stored-calls.kit';

export interface RunExpectation {
  /** The span the run is made of (invoke_agent or its equivalent); its times are the run's. */
  root: EmittedSpan;
  name: string | null;
  conversationId: string | null;
  status: 'success' | 'error';
  calls: ExpectedCall[];
  toolCalls: Array<{ span: EmittedSpan; tool: string }>;
}

export interface RunView {
  id: string;
  name: string | null;
  conversationId: string | null;
  status: string;
  startedAt: string;
  endedAt: string | null;
  llmCalls: number;
  toolCalls: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens: number;
  reasoningOutputTokens: number;
  costUsd: number;
  errors: number;
  calls?: Array<{ kind: string; spanId: string | null; parentSpanId: string | null; name: string; status: string }>;
}

type Json = Record<string, unknown>;

async function get(run: InstrumentationRun, path: string): Promise<unknown> {
  const res = await run.t.client.get(path, run.owner.auth);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

function toRunView(r: Json, withCalls: boolean): RunView {
  const view: RunView = {
    id: String(r.id),
    name: (r.name as string | null) ?? null,
    conversationId: (r.conversationId as string | null) ?? null,
    status: String(r.status),
    startedAt: String(r.startedAt),
    endedAt: (r.endedAt as string | null) ?? null,
    llmCalls: Number(r.llmCalls),
    toolCalls: Number(r.toolCalls),
    inputTokens: Number(r.inputTokens),
    outputTokens: Number(r.outputTokens),
    cacheReadInputTokens: Number(r.cacheReadInputTokens),
    reasoningOutputTokens: Number(r.reasoningOutputTokens),
    costUsd: Number(r.costUsd),
    errors: Number(r.errors),
  };
  if (withCalls) {
    view.calls = ((r.calls as Json[] | undefined) ?? []).map((c) => ({
      kind: String(c.kind),
      spanId: (c.spanId as string | null) ?? null,
      parentSpanId: (c.parentSpanId as string | null) ?? null,
      name: String(c.model ?? c.tool),
      status: String(c.status),
    }));
  }
  return view;
}

/** GET /api/agents/:id/runs (newest first). */
export async function runsView(run: InstrumentationRun): Promise<RunView[]> {
  const body = (await get(run, `/api/agents/${run.agent.id}/runs`)) as Json[];
  return body.map((r) => toRunView(r, false));
}

/** GET /api/runs/:id with its calls in time order. */
export async function runDetail(run: InstrumentationRun, id: string): Promise<RunView> {
  return toRunView((await get(run, `/api/runs/${id}`)) as Json, true);
}

export function expectedRun(e: RunExpectation, rates: Rates, options: { withCalls?: boolean; id?: string } = {}): RunView {
  const sum = (f: (c: ExpectedCall) => number) => e.calls.reduce((s, c) => s + f(c), 0);
  const view: RunView = {
    id: options.id ?? (expect.any(String) as unknown as string),
    name: e.name,
    conversationId: e.conversationId,
    status: e.status,
    startedAt: spanStartIso(e.root),
    endedAt: spanEndIso(e.root),
    llmCalls: e.calls.length,
    toolCalls: e.toolCalls.length,
    inputTokens: sum((c) => c.usage.input),
    outputTokens: sum((c) => c.usage.output),
    cacheReadInputTokens: sum((c) => c.usage.cacheRead),
    reasoningOutputTokens: sum((c) => c.usage.reasoning),
    costUsd: usd(sum((c) => costUnits(c.usage, rates))),
    errors: e.calls.filter((c) => c.errorType !== undefined).length,
  };
  if (options.withCalls) {
    const items = [
      ...e.calls.map((c) => ({ end: c.span.endNs, kind: 'llm', span: c.span, name: c.model, status: c.errorType === undefined ? 'success' : 'error' })),
      ...e.toolCalls.map((c) => ({ end: c.span.endNs, kind: 'tool', span: c.span, name: c.tool, status: 'success' })),
    ].sort((a, b) => (a.end < b.end ? -1 : a.end > b.end ? 1 : 0));
    view.calls = items.map((i) => ({ kind: i.kind, spanId: i.span.spanId, parentSpanId: i.span.parentSpanId || null, name: i.name, status: i.status }));
  }
  return view;
}

/** Newest first, as the route lists them. */
export function expectedRuns(es: RunExpectation[], rates: Rates): RunView[] {
  return [...es].sort((a, b) => (a.root.startNs > b.root.startNs ? -1 : a.root.startNs < b.root.startNs ? 1 : 0)).map((e) => expectedRun(e, rates));
}

export interface ConversationView {
  conversationId: string;
  runs: number;
  inputTokens: number;
  outputTokens: number;
  costUsd: number;
  firstActivityAt: string;
  lastActivityAt: string;
}

/** GET /api/agents/:id/conversations. */
export async function conversationsView(run: InstrumentationRun): Promise<ConversationView[]> {
  const body = (await get(run, `/api/agents/${run.agent.id}/conversations`)) as Json[];
  return body.map((c) => ({
    conversationId: String(c.conversationId),
    runs: Number(c.runs),
    inputTokens: Number(c.inputTokens),
    outputTokens: Number(c.outputTokens),
    costUsd: Number(c.costUsd),
    firstActivityAt: String(c.firstActivityAt),
    lastActivityAt: String(c.lastActivityAt),
  }));
}

export function expectedConversation(id: string, runs: RunExpectation[], rates: Rates): ConversationView {
  const calls = runs.flatMap((r) => r.calls);
  const starts = runs.map((r) => r.root.startNs);
  const ends = runs.map((r) => r.root.endNs);
  const min = starts.reduce((a, b) => (b < a ? b : a));
  const max = ends.reduce((a, b) => (b > a ? b : a));
  return {
    conversationId: id,
    runs: runs.length,
    inputTokens: calls.reduce((s, c) => s + c.usage.input, 0),
    outputTokens: calls.reduce((s, c) => s + c.usage.output, 0),
    costUsd: usd(calls.reduce((s, c) => s + costUnits(c.usage, rates), 0)),
    firstActivityAt: spanStartIso({ ...runs[0].root, startNs: min }),
    lastActivityAt: spanEndIso({ ...runs[0].root, endNs: max }),
  };
}

export interface UnmappedView {
  spanName: string;
  count: number;
}

/** GET /api/otlp/recent-unmapped: the span names that arrived without a mapping (last 24 h). */
export async function unmappedView(run: InstrumentationRun): Promise<UnmappedView[]> {
  const body = (await get(run, '/api/otlp/recent-unmapped')) as Json[] | { spans: Json[] };
  const list = Array.isArray(body) ? body : body.spans;
  return list.map((u) => ({ spanName: String(u.spanName ?? u.name), count: Number(u.count) }));
}
