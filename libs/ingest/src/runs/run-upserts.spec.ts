import type { PricedCall } from '@fleetwatch/cost';
import { IngestBatch, LlmCallItem, RunItem } from '../validation/ingest-batch';
import { batchTouchesRuns, runUpserts } from './run-upserts';

const A = '0190f3a4-0000-7000-8000-000000000001';
const t = (minute: number) => new Date(Date.UTC(2026, 2, 10, 11, minute));

const llm = (runId: string | null, minute: number, extra: Partial<LlmCallItem> = {}): LlmCallItem => ({
  agentId: A,
  model: 'm',
  provider: null,
  inputTokens: 100,
  outputTokens: 10,
  latencyMs: 1,
  status: 'success',
  errorType: null,
  costUsd: null,
  traceId: null,
  runId,
  timestamp: t(minute),
  ...extra,
});
const run = (id: string, minute: number, extra: Partial<RunItem> = {}): RunItem => ({
  id,
  agentId: A,
  conversationId: null,
  name: null,
  status: 'running',
  startedAt: t(minute),
  endedAt: null,
  metadata: null,
  ...extra,
});
const priced = (costs: string[]): PricedCall[] => costs.map((costUsd) => ({ costUsd }) as PricedCall);
const batch = (b: Partial<IngestBatch>): IngestBatch => ({ samples: [], llmCalls: [], toolCalls: [], events: [], ...b });

describe('runUpserts', () => {
  it('leaves plain telemetry alone: no run, no runId, no runs statement', () => {
    expect(batchTouchesRuns(batch({ llmCalls: [llm(null, 1)] }))).toBe(false);
    expect(batchTouchesRuns(batch({ llmCalls: [llm('r', 1)] }))).toBe(true);
    expect(batchTouchesRuns(batch({ runs: [run('r', 1)] }))).toBe(true);
  });

  it('merges repeats of a run in one batch: later status and end, earliest start, details kept', () => {
    const rows = runUpserts(
      batch({ runs: [run('r', 5, { name: 'n', metadata: { a: 1 } }), run('r', 3, { status: 'success', endedAt: t(9) })], llmCalls: [llm('r', 2)] }),
      priced(['0.5']),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      id: 'r',
      reported: true,
      status: 'success',
      name: 'n',
      metadata: { a: 1 },
      started_at: t(2).toISOString(),
      ended_at: t(9).toISOString(),
    });
  });

  it('makes a running placeholder from calls, with their sums, costs and first conversation and trace', () => {
    const rows = runUpserts(
      batch({
        llmCalls: [llm('p', 4, { cacheReadInputTokens: 30, conversationId: 'c', traceId: 'tr' }), llm('p', 2, { status: 'error' }), llm(null, 3)],
        toolCalls: [{ agentId: A, tool: 'x', durationMs: 1, status: 'error', errorType: null, traceId: null, runId: 'p', timestamp: t(6) }],
      }),
      priced(['0.1000000000', '0.2000000000', '9']),
    );
    expect(rows).toEqual([
      expect.objectContaining({
        id: 'p',
        reported: false,
        status: 'running',
        started_at: t(2).toISOString(),
        conversation_id: 'c',
        trace_id: 'tr',
        llm_calls: 2,
        tool_calls: 1,
        errors: 2,
        input_tokens: 200,
        output_tokens: 20,
        cache_read_input_tokens: 30,
        costs: ['0.1000000000', '0.2000000000'],
        first_call_at: t(2).toISOString(),
        last_call_at: t(6).toISOString(),
      }),
    ]);
  });
});
