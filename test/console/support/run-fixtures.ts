import { IngestBatch, TelemetryWriter } from '@fleetwatch/ingest';
import type { TestAgent, TestUser } from '@fleetwatch/testing';
import type { TestApp } from '../../support/test-app';

/**
 * claude-sonnet-4-5 in the catalogue (0.1.8): input 3, output 15, cache read 0.3, 5-minute write
 * 3.75, 1-hour write 6 USD per 1M. my-local-model has no price: COST_FALLBACK_PER_1K (0.002).
 */
export const SONNET = 'claude-sonnet-4-5';
export const LOCAL = 'my-local-model';

const plus = (base: number, seconds: number): string => new Date(base + seconds * 1000).toISOString();

/**
 * Over POST /api/ingest: `nightly-report` (finished, 42 s) with a cached Sonnet call (1,000 plain
 * input × 3 + 6,000 cache reads × 0.3 + 2,000 5m writes × 3.75 + 1,000 1h writes × 6 + 500 output
 * × 15 = $0.0258), a fallback-priced call (1,500 tokens × 0.002 / 1k = $0.003) and two tool calls,
 * one failed; `draft-reply` (running for 10 min) with one Sonnet call (1,000 × 3 + 1,000 × 0.3 +
 * 200 × 15 = $0.0063). Both in conversation conv-42.
 */
export async function ingestReportRuns(t: TestApp, user: TestUser, agent: TestAgent): Promise<void> {
  const now = t.clock.now().getTime();
  const nightly = now - 30 * 60_000;
  const draft = now - 10 * 60_000;
  const llm = { agentId: agent.id, status: 'success', conversationId: 'conv-42' };
  const res = await t.client.post('/api/ingest', user.auth).send({
    runs: [
      {
        id: 'r-nightly',
        agentId: agent.id,
        name: 'nightly-report',
        status: 'success',
        startedAt: plus(nightly, 0),
        endedAt: plus(nightly, 42),
        conversationId: 'conv-42',
      },
      { id: 'r-draft', agentId: agent.id, name: 'draft-reply', status: 'running', startedAt: plus(draft, 0), conversationId: 'conv-42' },
    ],
    llmCalls: [
      {
        ...llm,
        runId: 'r-nightly',
        model: SONNET,
        provider: 'anthropic',
        inputTokens: 10_000,
        cacheReadInputTokens: 6_000,
        cacheCreationInputTokens: 3_000,
        cacheCreation5mInputTokens: 2_000,
        cacheCreation1hInputTokens: 1_000,
        outputTokens: 500,
        latencyMs: 1_800,
        timestamp: plus(nightly, 5),
      },
      { ...llm, runId: 'r-nightly', model: LOCAL, inputTokens: 1_000, outputTokens: 500, latencyMs: 900, timestamp: plus(nightly, 20) },
      {
        ...llm,
        runId: 'r-draft',
        model: SONNET,
        provider: 'anthropic',
        inputTokens: 2_000,
        cacheReadInputTokens: 1_000,
        outputTokens: 200,
        latencyMs: 700,
        timestamp: plus(draft, 60),
      },
    ],
    toolCalls: [
      { agentId: agent.id, runId: 'r-nightly', tool: 'web_search', durationMs: 350, status: 'success', timestamp: plus(nightly, 10) },
      { agentId: agent.id, runId: 'r-nightly', tool: 'send_email', durationMs: 120, status: 'error', errorType: 'smtp_timeout', timestamp: plus(nightly, 30) },
    ],
  });
  expect(res.status).toBe(202);
}

/** `page-run-0` … `page-run-<n-1>`, one minute apart (the highest number newest), no calls. */
export async function ingestManyRuns(t: TestApp, user: TestUser, agent: TestAgent, n: number): Promise<void> {
  const now = t.clock.now().getTime();
  const runs = Array.from({ length: n }, (_, i) => ({
    id: `page-run-${i}`,
    agentId: agent.id,
    status: 'success',
    startedAt: plus(now - (n - i) * 60_000, 0),
    endedAt: plus(now - (n - i) * 60_000, 5),
  }));
  expect((await t.client.post('/api/ingest', user.auth).send({ runs })).status).toBe(202);
}

/**
 * A run as OpenTelemetry spans make it, with span ids: POST /api/ingest takes no span ids and the
 * OTLP route does not build runs yet, so it goes through the app's own TelemetryWriter (what both
 * call), priced like any ingest. Tree: Sonnet s1 (4,000 in, 3,000 cached, 300 out: $0.0084) →
 * search_kb → fetch_article; Sonnet s3 (5,000 in, 4,000 cached, 200 out: $0.0072); send_reply failed.
 */
export async function writeTracedRun(t: TestApp, user: TestUser, agent: TestAgent): Promise<void> {
  const start = t.clock.now().getTime() - 5 * 60_000;
  const at = (s: number): Date => new Date(start + s * 1000);
  const place = { runId: 'support-ticket-7', traceId: 'trace-7', conversationId: null };
  const llm = (spanId: string, s: number, inputTokens: number, cacheReadInputTokens: number, outputTokens: number, latencyMs: number) => ({
    ...place,
    agentId: agent.id,
    model: SONNET,
    provider: 'anthropic',
    inputTokens,
    cacheReadInputTokens,
    outputTokens,
    latencyMs,
    status: 'success' as const,
    errorType: null,
    costUsd: null,
    spanId,
    parentSpanId: 'root',
    timestamp: at(s),
  });
  const tool = (spanId: string, parentSpanId: string, s: number, name: string, durationMs: number, errorType: string | null = null) => ({
    ...place,
    agentId: agent.id,
    tool: name,
    durationMs,
    status: errorType ? ('error' as const) : ('success' as const),
    errorType,
    spanId,
    parentSpanId,
    timestamp: at(s),
  });
  const batch: IngestBatch = {
    runs: [
      {
        id: 'support-ticket-7',
        agentId: agent.id,
        conversationId: null,
        name: 'support-ticket',
        status: 'error',
        startedAt: at(0),
        endedAt: at(8),
        metadata: null,
        traceId: 'trace-7',
        spanId: 'root',
      },
    ],
    samples: [],
    llmCalls: [llm('s1', 1, 4_000, 3_000, 300, 1_200), llm('s3', 5, 5_000, 4_000, 200, 900)],
    toolCalls: [tool('s2', 's1', 2, 'search_kb', 240), tool('s4', 's2', 3, 'fetch_article', 80), tool('s5', 'root', 7, 'send_reply', 150, 'http_502')],
    events: [],
  };
  await t.get(TelemetryWriter).write(batch, { userId: user.id, role: 'user', scopes: ['ingest'], via: 'jwt' });
}
