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

export interface TokensView {
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
  reasoning: number;
}

export interface CallView {
  kind: string;
  name: string;
  spanId: string | null;
  parentSpanId: string | null;
  status: string;
  errorType: string | null;
  costUsd?: number;
  children: CallView[];
}

export interface RunView {
  /** The address for GET /api/runs/:key. */
  key: string;
  name: string | null;
  conversationId: string | null;
  status: string;
  reported: boolean;
  startedAt: string;
  endedAt: string | null;
  durationMs: number;
  steps: number;
  llmCalls: number;
  toolCalls: number;
  errors: number;
  tokens: TokensView;
  costUsd: number;
  firstCallAt: string | null;
  lastCallAt: string | null;
  traceId: string | null;
  spanId: string | null;
  calls?: CallView[];
}

type Json = Record<string, unknown>;

async function get(run: InstrumentationRun, path: string): Promise<unknown> {
  const res = await run.t.client.get(path, run.owner.auth);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

function tokensView(t: Json | undefined): TokensView {
  return {
    input: Number(t?.input),
    output: Number(t?.output),
    cacheRead: Number(t?.cacheRead),
    cacheCreation: Number(t?.cacheCreation),
    reasoning: Number(t?.reasoning),
  };
}

function callView(c: Json): CallView {
  return {
    kind: String(c.kind),
    name: String(c.kind === 'tool' ? c.tool : c.model),
    spanId: (c.spanId as string | null) ?? null,
    parentSpanId: (c.parentSpanId as string | null) ?? null,
    status: String(c.status),
    errorType: (c.errorType as string | null) ?? null,
    ...(c.kind === 'llm' ? { costUsd: Number(c.costUsd) } : {}),
    children: ((c.children as Json[] | undefined) ?? []).map(callView),
  };
}

function toRunView(r: Json, withCalls: boolean): RunView {
  const view: RunView = {
    key: String(r.key),
    name: (r.name as string | null) ?? null,
    conversationId: (r.conversationId as string | null) ?? null,
    status: String(r.status),
    reported: r.reported as boolean,
    startedAt: String(r.startedAt),
    endedAt: (r.endedAt as string | null) ?? null,
    durationMs: Number(r.durationMs),
    steps: Number(r.steps),
    llmCalls: Number(r.llmCalls),
    toolCalls: Number(r.toolCalls),
    errors: Number(r.errors),
    tokens: tokensView(r.tokens as Json | undefined),
    costUsd: Number(r.costUsd),
    firstCallAt: (r.firstCallAt as string | null) ?? null,
    lastCallAt: (r.lastCallAt as string | null) ?? null,
    traceId: (r.traceId as string | null) ?? null,
    spanId: (r.spanId as string | null) ?? null,
  };
  if (withCalls) view.calls = ((r.calls as Json[] | undefined) ?? []).map(callView);
  return view;
}

/** GET /api/agents/:id/runs (newest first). */
export async function runsView(run: InstrumentationRun): Promise<RunView[]> {
  const body = (await get(run, `/api/agents/${run.agent.id}/runs`)) as Json[];
  return body.map((r) => toRunView(r, false));
}

/** GET /api/runs/:key with its calls in time order. */
export async function runDetail(run: InstrumentationRun, key: string): Promise<RunView> {
  return toRunView((await get(run, `/api/runs/${key}`)) as Json, true);
}

function sumTokens(calls: ExpectedCall[]): TokensView {
  const sum = (f: (c: ExpectedCall) => number) => calls.reduce((s, c) => s + f(c), 0);
  return {
    input: sum((c) => c.usage.input),
    output: sum((c) => c.usage.output),
    cacheRead: sum((c) => c.usage.cacheRead),
    cacheCreation: sum((c) => c.usage.cacheWrite),
    reasoning: sum((c) => c.usage.reasoning),
  };
}

const maxNs = (xs: bigint[]): bigint => xs.reduce((a, b) => (b > a ? b : a));
const minNs = (xs: bigint[]): bigint => xs.reduce((a, b) => (b < a ? b : a));
const isoOfNs = (ns: bigint): string => new Date(Number(ns / 1_000_000n)).toISOString();

/**
 * The run made of `e.root`: its times, its calls' totals, and (withCalls) its calls in time order.
 * The calls' parents here are agent / step spans, which are no calls, so every call is at the top.
 */
export function expectedRun(e: RunExpectation, rates: Rates, options: { withCalls?: boolean; key?: string } = {}): RunView {
  const ends = [...e.calls.map((c) => c.span.endNs), ...e.toolCalls.map((c) => c.span.endNs)];
  const startedAt = spanStartIso(e.root);
  const endedAt = spanEndIso(e.root);
  const view: RunView = {
    key: options.key ?? expect.any(String),
    name: e.name,
    conversationId: e.conversationId,
    status: e.status,
    reported: true,
    startedAt,
    endedAt,
    durationMs: Date.parse(endedAt) - Date.parse(startedAt),
    steps: e.calls.length + e.toolCalls.length,
    llmCalls: e.calls.length,
    toolCalls: e.toolCalls.length,
    errors: e.calls.filter((c) => c.errorType !== undefined).length,
    tokens: sumTokens(e.calls),
    costUsd: usd(e.calls.reduce((s, c) => s + costUnits(c.usage, rates), 0)),
    firstCallAt: ends.length ? isoOfNs(minNs(ends)) : null,
    lastCallAt: ends.length ? isoOfNs(maxNs(ends)) : null,
    traceId: e.root.traceId,
    spanId: e.root.spanId,
  };
  if (options.withCalls) {
    const items: Array<{ end: bigint; view: CallView }> = [
      ...e.calls.map((c) => ({
        end: c.span.endNs,
        view: {
          kind: 'llm',
          name: c.model,
          spanId: c.span.spanId,
          parentSpanId: c.span.parentSpanId || null,
          status: c.errorType === undefined ? 'success' : 'error',
          errorType: c.errorType ?? null,
          costUsd: usd(costUnits(c.usage, rates)),
          children: [],
        },
      })),
      ...e.toolCalls.map((c) => ({
        end: c.span.endNs,
        view: {
          kind: 'tool',
          name: c.tool,
          spanId: c.span.spanId,
          parentSpanId: c.span.parentSpanId || null,
          status: 'success',
          errorType: null,
          children: [],
        },
      })),
    ];
    // Time order as stored: millisecond timestamps, calls ending in the same millisecond LLM first (the route's tie-break).
    const ms = (end: bigint) => end / 1_000_000n;
    view.calls = items
      .sort((a, b) =>
        ms(a.end) !== ms(b.end) ? (ms(a.end) < ms(b.end) ? -1 : 1) : a.view.kind.localeCompare(b.view.kind) || (a.end < b.end ? -1 : a.end > b.end ? 1 : 0),
      )
      .map((i) => i.view);
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
  runningRuns: number;
  steps: number;
  errors: number;
  tokens: TokensView;
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
    runningRuns: Number(c.runningRuns),
    steps: Number(c.steps),
    errors: Number(c.errors),
    tokens: tokensView(c.tokens as Json | undefined),
    costUsd: Number(c.costUsd),
    firstActivityAt: String(c.firstActivityAt),
    lastActivityAt: String(c.lastActivityAt),
  }));
}

/**
 * A conversation over its runs: first activity is the earliest run start; last activity the latest
 * of the runs' ends and last calls (a child span's end can pass its parent's by a millisecond: the
 * SDK times each span from its own start).
 */
export function expectedConversation(id: string, runs: RunExpectation[], rates: Rates): ConversationView {
  const calls = runs.flatMap((r) => r.calls);
  const lastTimes = runs.flatMap((r) => [r.root.endNs, ...r.calls.map((c) => c.span.endNs), ...r.toolCalls.map((c) => c.span.endNs)]);
  return {
    conversationId: id,
    runs: runs.length,
    runningRuns: 0,
    steps: runs.reduce((s, r) => s + r.calls.length + r.toolCalls.length, 0),
    errors: calls.filter((c) => c.errorType !== undefined).length,
    tokens: sumTokens(calls),
    costUsd: usd(calls.reduce((s, c) => s + costUnits(c.usage, rates), 0)),
    firstActivityAt: isoOfNs(minNs(runs.map((r) => r.root.startNs))),
    lastActivityAt: isoOfNs(maxNs(lastTimes.map((ns) => (ns / 1_000_000n) * 1_000_000n))),
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
