/**
 * What Fleetwatch stored for an agent, read the way the specs compare it: the LLM and tool calls
 * (SQL, one row per call), the cost route, and the expected rows built from the scenario and the
 * spans the library emitted.
 */
import type { TestApp } from '../support/test-app';
import type { TestUser } from '@fleetwatch/testing';
import { costUnits, Rates, Usage, usd } from './catalogue-rates.kit';
import type { EmittedSpan } from './otlp-recording.proxy';
import { spanEndIso, spanMs } from './instrumentation-e2e.kit';
import type { ScenarioUsage } from './mock-openai/mock-openai.scenario';

export interface StoredLlmCall {
  model: string;
  response_model: string | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  reasoning_output_tokens: number;
  status: string;
  error_type: string | null;
  latency_ms: number;
  ttft_ms: number | null;
  cost_usd: number;
  rate_source: string;
  price_source: string | null;
  trace_id: string | null;
  span_id: string | null;
  ts: string;
}

export async function storedLlmCalls(t: TestApp, agentId: string): Promise<StoredLlmCall[]> {
  const { rows } = await t.sql.query(
    `select model, response_model, input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens,
            reasoning_output_tokens, status, error_type, latency_ms, ttft_ms, cost_usd, rate_source, price_source, trace_id, span_id, ts
       from llm_calls where agent_id = $1 order by ts, trace_id, span_id`,
    [agentId],
  );
  return rows.map((r: Record<string, unknown>) => ({ ...r, cost_usd: Number(r.cost_usd), ts: (r.ts as Date).toISOString() }) as StoredLlmCall);
}

export interface StoredToolCall {
  tool: string;
  status: string;
  error_type: string | null;
  duration_ms: number;
  trace_id: string | null;
  span_id: string | null;
  ts: string;
}

export async function storedToolCalls(t: TestApp, agentId: string): Promise<StoredToolCall[]> {
  const { rows } = await t.sql.query(
    `select tool, status, error_type, duration_ms, trace_id, span_id, ts from tool_calls where agent_id = $1 order by ts, trace_id, span_id`,
    [agentId],
  );
  return rows.map((r: Record<string, unknown>) => ({ ...r, ts: (r.ts as Date).toISOString() }) as StoredToolCall);
}

/** A scenario step's usage as the library reported it (the partitions it does not report are 0). */
export function reported(step: ScenarioUsage, parts: { cacheRead?: boolean; cacheWrite?: boolean; reasoning?: boolean }): Usage {
  return {
    input: step.input,
    output: step.output,
    cacheRead: parts.cacheRead ? step.cachedInput : 0,
    cacheWrite: parts.cacheWrite ? step.cacheWrite : 0,
    reasoning: parts.reasoning ? step.reasoning : 0,
  };
}

export interface ExpectedCall {
  span: EmittedSpan;
  model: string;
  responseModel: string | null;
  usage: Usage;
  /** Absent: success. */
  errorType?: string;
  ttftMs?: number | null;
}

export function expectedLlmCall(call: ExpectedCall, rates: Rates): StoredLlmCall {
  return {
    model: call.model,
    response_model: call.responseModel,
    input_tokens: call.usage.input,
    output_tokens: call.usage.output,
    cache_read_input_tokens: call.usage.cacheRead,
    cache_creation_input_tokens: call.usage.cacheWrite,
    reasoning_output_tokens: call.usage.reasoning,
    status: call.errorType === undefined ? 'success' : 'error',
    error_type: call.errorType ?? null,
    latency_ms: spanMs(call.span),
    ttft_ms: call.ttftMs ?? null,
    cost_usd: usd(costUnits(call.usage, rates)),
    rate_source: 'model',
    price_source: 'catalogue',
    trace_id: call.span.traceId,
    span_id: call.span.spanId,
    ts: spanEndIso(call.span),
  };
}

/** Expected rows in the order storedLlmCalls reads them. */
export function expectedLlmCalls(calls: ExpectedCall[], rates: Rates): StoredLlmCall[] {
  return calls.map((c) => expectedLlmCall(c, rates)).sort((a, b) => a.ts.localeCompare(b.ts) || cmp(a.trace_id, b.trace_id) || cmp(a.span_id, b.span_id));
}

export function expectedToolCall(span: EmittedSpan, tool: string, errorType?: string): StoredToolCall {
  return {
    tool,
    status: errorType === undefined ? 'success' : 'error',
    error_type: errorType ?? null,
    duration_ms: spanMs(span),
    trace_id: span.traceId,
    span_id: span.spanId,
    ts: spanEndIso(span),
  };
}

const cmp = (a: string | null, b: string | null): number => (a ?? '').localeCompare(b ?? '');

export function totalUnits(calls: ExpectedCall[], rates: Rates): number {
  return calls.reduce((s, c) => s + costUnits(c.usage, rates), 0);
}

export function totalTokens(calls: ExpectedCall[]): { input: number; output: number } {
  return calls.reduce((s, c) => ({ input: s.input + c.usage.input, output: s.output + c.usage.output }), { input: 0, output: 0 });
}

export interface CostView {
  total_cost: number;
  input_tokens: number;
  output_tokens: number;
  models: Array<{ model: string; provider: string | null; input_tokens: number; output_tokens: number; rate_source: string; token_cost: number }>;
}

/** GET /api/agents/:id/cost over the default 30 days, as the owner reads it. */
export async function costView(t: TestApp, owner: TestUser, agentId: string): Promise<CostView> {
  const res = await t.client.get(`/api/agents/${agentId}/cost`, owner.auth);
  if (res.status !== 200) throw new Error(`GET /api/agents/${agentId}/cost: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { total_cost: number; input_tokens: number; output_tokens: number; cost_details: { tokens: { models: CostView['models'] } } };
  return {
    total_cost: body.total_cost,
    input_tokens: body.input_tokens,
    output_tokens: body.output_tokens,
    models: body.cost_details.tokens.models
      .map((m) => ({
        model: m.model,
        provider: m.provider,
        input_tokens: m.input_tokens,
        output_tokens: m.output_tokens,
        rate_source: m.rate_source,
        token_cost: m.token_cost,
      }))
      .sort((a, b) => a.model.localeCompare(b.model) || a.rate_source.localeCompare(b.rate_source)),
  };
}

/** One cost-route row per model the calls were stored under (the route groups by model, provider and rate source). */
export function expectedCostView(calls: ExpectedCall[], rates: Rates, provider: string | null): CostView {
  const byModel = new Map<string, ExpectedCall[]>();
  for (const c of calls) byModel.set(c.model, [...(byModel.get(c.model) ?? []), c]);
  const tokens = totalTokens(calls);
  return {
    total_cost: usd(totalUnits(calls, rates)),
    input_tokens: tokens.input,
    output_tokens: tokens.output,
    models: [...byModel.entries()]
      .map(([model, cs]) => ({
        model,
        provider,
        input_tokens: totalTokens(cs).input,
        output_tokens: totalTokens(cs).output,
        rate_source: 'model',
        token_cost: usd(totalUnits(cs, rates)),
      }))
      .sort((a, b) => a.model.localeCompare(b.model)),
  };
}

/** GET /api/agents/:id/metrics/summary: what the agent's overview shows as its tokens and requests. */
export async function summaryTotals(t: TestApp, owner: TestUser, agentId: string): Promise<{ total_tokens: number; total_requests: number }> {
  const res = await t.client.get(`/api/agents/${agentId}/metrics/summary`, owner.auth);
  if (res.status !== 200) throw new Error(`GET /api/agents/${agentId}/metrics/summary: ${res.status} ${JSON.stringify(res.body)}`);
  const body = res.body as { total_tokens: number; total_requests: number };
  return { total_tokens: body.total_tokens, total_requests: body.total_requests };
}

export function expectedSummaryTotals(calls: ExpectedCall[]): { total_tokens: number; total_requests: number } {
  const tokens = totalTokens(calls);
  return { total_tokens: tokens.input + tokens.output, total_requests: calls.length };
}
