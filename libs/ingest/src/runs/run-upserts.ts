import { newId } from '@fleetwatch/common';
import type { PricedCall } from '@fleetwatch/cost';
import { IngestBatch, LlmCallItem, RunItem, ToolCallItem } from '../validation/ingest-batch';

export const RUN_TOKEN_FIELDS = [
  'input_tokens',
  'output_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation_5m_input_tokens',
  'cache_creation_1h_input_tokens',
  'reasoning_output_tokens',
  'audio_input_tokens',
  'audio_output_tokens',
  'image_input_tokens',
] as const;
type TokenField = (typeof RUN_TOKEN_FIELDS)[number];

/**
 * One row of the batch's single runs upsert: what the batch says about one (agent, run) — the run
 * item itself when it was sent (`reported`), and the sums of the batch's calls that name it. Rows
 * travel as one jsonb parameter, so timestamps are ISO strings and the costs stay decimal text.
 */
export type RunUpsertRow = {
  agent_id: string;
  id: string;
  key: string;
  conversation_id: string | null;
  name: string | null;
  status: RunItem['status'];
  reported: boolean;
  started_at: string;
  ended_at: string | null;
  metadata: Record<string, unknown> | null;
  trace_id: string | null;
  span_id: string | null;
  llm_calls: number;
  tool_calls: number;
  errors: number;
  /** The stored cost of each LLM call, summed as numeric in SQL so the total stays exact. */
  costs: string[];
  first_call_at: string | null;
  last_call_at: string | null;
} & Record<TokenField, number>;

interface Draft {
  item: RunItem | null;
  agentId: string;
  id: string;
  conversationId: string | null;
  traceId: string | null;
  llmCalls: number;
  toolCalls: number;
  errors: number;
  tokens: Record<TokenField, number>;
  costs: string[];
  firstCall: number | null;
  lastCall: number | null;
}

/** Whether the batch touches any run: false for plain telemetry, which then costs no runs statement at all. */
export function batchTouchesRuns(batch: IngestBatch): boolean {
  return (batch.runs?.length ?? 0) > 0 || batch.llmCalls.some((c) => c.runId) || batch.toolCalls.some((c) => c.runId);
}

function zeroTokens(): Record<TokenField, number> {
  return Object.fromEntries(RUN_TOKEN_FIELDS.map((f) => [f, 0])) as Record<TokenField, number>;
}

function llmTokens(c: LlmCallItem): Record<TokenField, number> {
  return {
    input_tokens: c.inputTokens,
    output_tokens: c.outputTokens,
    cache_read_input_tokens: c.cacheReadInputTokens ?? 0,
    cache_creation_input_tokens: c.cacheCreationInputTokens ?? 0,
    cache_creation_5m_input_tokens: c.cacheCreation5mInputTokens ?? 0,
    cache_creation_1h_input_tokens: c.cacheCreation1hInputTokens ?? 0,
    reasoning_output_tokens: c.reasoningOutputTokens ?? 0,
    audio_input_tokens: c.audioInputTokens ?? 0,
    audio_output_tokens: c.audioOutputTokens ?? 0,
    image_input_tokens: c.imageInputTokens ?? 0,
  };
}

/** A second item for the same run in one batch: the later one's status, end, name and details win; the start is the earliest. */
function mergeItems(earlier: RunItem, later: RunItem): RunItem {
  return {
    ...later,
    name: later.name ?? earlier.name,
    conversationId: later.conversationId ?? earlier.conversationId,
    metadata: later.metadata ?? earlier.metadata,
    traceId: later.traceId ?? earlier.traceId ?? null,
    spanId: later.spanId ?? earlier.spanId ?? null,
    startedAt: later.startedAt < earlier.startedAt ? later.startedAt : earlier.startedAt,
  };
}

const iso = (ms: number | null): string | null => (ms === null ? null : new Date(ms).toISOString());

/**
 * The batch's runs as upsert rows, one per (agent, run id): ON CONFLICT may touch a row only once
 * per statement, so repeats inside the batch are merged here first.
 */
export function runUpserts(batch: IngestBatch, priced: readonly PricedCall[]): RunUpsertRow[] {
  const drafts = new Map<string, Draft>();
  const draft = (agentId: string, id: string): Draft => {
    const k = `${agentId}\u0000${id}`;
    let d = drafts.get(k);
    if (!d) {
      d = {
        item: null,
        agentId,
        id,
        conversationId: null,
        traceId: null,
        llmCalls: 0,
        toolCalls: 0,
        errors: 0,
        tokens: zeroTokens(),
        costs: [],
        firstCall: null,
        lastCall: null,
      };
      drafts.set(k, d);
    }
    return d;
  };
  for (const run of batch.runs ?? []) {
    const d = draft(run.agentId, run.id);
    d.item = d.item ? mergeItems(d.item, run) : run;
  }
  const addCall = (c: LlmCallItem | ToolCallItem): Draft | null => {
    if (!c.runId) return null;
    const d = draft(c.agentId, c.runId);
    const ts = c.timestamp.getTime();
    d.firstCall = d.firstCall === null ? ts : Math.min(d.firstCall, ts);
    d.lastCall = d.lastCall === null ? ts : Math.max(d.lastCall, ts);
    d.conversationId = d.conversationId ?? c.conversationId ?? null;
    d.traceId = d.traceId ?? c.traceId ?? null;
    if (c.status === 'error') d.errors++;
    return d;
  };
  batch.llmCalls.forEach((c, i) => {
    const d = addCall(c);
    if (!d) return;
    d.llmCalls++;
    const t = llmTokens(c);
    for (const f of RUN_TOKEN_FIELDS) d.tokens[f] += t[f];
    d.costs.push(priced[i].costUsd);
  });
  batch.toolCalls.forEach((c) => {
    const d = addCall(c);
    if (d) d.toolCalls++;
  });
  return [...drafts.values()].map((d) => toRow(d));
}

function toRow(d: Draft): RunUpsertRow {
  const item = d.item;
  const startedMs = Math.min(item?.startedAt.getTime() ?? Infinity, d.firstCall ?? Infinity);
  return {
    agent_id: d.agentId,
    id: d.id,
    key: newId(),
    conversation_id: item?.conversationId ?? d.conversationId,
    name: item?.name ?? null,
    status: item?.status ?? 'running',
    reported: item !== null,
    started_at: new Date(startedMs).toISOString(),
    ended_at: item?.endedAt ? item.endedAt.toISOString() : null,
    metadata: item?.metadata ?? null,
    trace_id: item?.traceId ?? d.traceId,
    span_id: item?.spanId ?? null,
    llm_calls: d.llmCalls,
    tool_calls: d.toolCalls,
    errors: d.errors,
    ...d.tokens,
    costs: d.costs,
    first_call_at: iso(d.firstCall),
    last_call_at: iso(d.lastCall),
  };
}
