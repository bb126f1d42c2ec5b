/**
 * OpenLLMetry with disableBatch (and any SimpleSpanProcessor setup) exports each span the moment it
 * ends, so the spans of one trace arrive as concurrent requests that commit in any order. Fewer than
 * OTLP_MAX_IN_FLIGHT of them are admitted work on a healthy database: every one must be stored,
 * none answered 503; and the run the root span's export completed stays complete whatever lands
 * after it. (The OpenLLMetry spec meets both only as its exports happen to overlap; this makes it certain.)
 */
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { createAgent, createApiKey, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { jsonText, makeSpans } from '../otlp/otlp-test-kit';
import { ReadableSpan } from '@opentelemetry/sdk-trace-base';

/** More than the test app's DATABASE_POOL_MAX (5), fewer than OTLP_MAX_IN_FLIGHT (16). */
const CONCURRENT_EXPORTS = 8;

/** One span as its own OTLP/JSON export, moved into `traceId` (under `parentSpanId` when given). */
function exportOf(span: ReadableSpan, traceId: string, parentSpanId?: string): string {
  const body = JSON.parse(jsonText(JsonTraceSerializer.serializeRequest([span]))) as {
    resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string; parentSpanId?: string }> }> }>;
  };
  const out = body.resourceSpans[0].scopeSpans[0].spans[0];
  out.traceId = traceId;
  if (parentSpanId) out.parentSpanId = parentSpanId;
  return JSON.stringify(body);
}

describe('per-span exports of one trace', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestAgent;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner);
    key = await createApiKey(t.client, owner, ['ingest']);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('stores every span and answers each export 200', async () => {
    expect(t.config.otlp.maxInFlight).toBeGreaterThan(CONCURRENT_EXPORTS);
    const now = t.clock.now().getTime();
    const spans = makeSpans(
      { 'fleetwatch.agent.id': agent.id },
      Array.from({ length: CONCURRENT_EXPORTS }, (_, i) => ({
        name: 'chat gpt-4o-mini',
        startMs: now - 5000 + i * 100,
        endMs: now - 4950 + i * 100,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 10,
          'gen_ai.usage.output_tokens': 5,
        },
      })),
    );
    // One trace, as the spans of one agent run would be.
    const bodies = spans.map((span) => exportOf(span, spans[0].spanContext().traceId));
    const answers = await Promise.all(
      bodies.map((body) => t.client.post('/api/otlp/v1/traces', { apiKey: key }).set('Content-Type', 'application/json').send(body)),
    );
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 200));
    const { rows } = await t.sql.query(`select count(*)::int as n, count(distinct trace_id)::int as traces from llm_calls where agent_id = $1`, [agent.id]);
    expect(rows[0]).toEqual({ n: CONCURRENT_EXPORTS, traces: 1 });
  });

  it('keeps the run finished when a child span’s export lands after its root’s', async () => {
    const now = t.clock.now().getTime();
    const [root, chat] = makeSpans({ 'fleetwatch.agent.id': agent.id }, [
      {
        name: 'invoke_agent weather-agent',
        startMs: now - 3000,
        endMs: now - 1000,
        attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'weather-agent' },
      },
      {
        name: 'chat gpt-4o-mini',
        startMs: now - 2500,
        endMs: now - 2000,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 10,
          'gen_ai.usage.output_tokens': 5,
        },
      },
    ]);
    const traceId = root.spanContext().traceId;
    // Concurrent exporters (OpenLLMetry's disableBatch) commit in any order; here the root's first.
    for (const body of [exportOf(root, traceId), exportOf(chat, traceId, root.spanContext().spanId)]) {
      const res = await t.client.post('/api/otlp/v1/traces', { apiKey: key }).set('Content-Type', 'application/json').send(body);
      expect(res.status).toBe(200);
    }
    const runs = await t.client.get(`/api/agents/${agent.id}/runs`, owner.auth);
    expect(runs.status).toBe(200);
    const run = (runs.body as Array<Record<string, unknown>>).find((r) => r.traceId === traceId);
    expect(run && { status: run.status, endedAt: run.endedAt, llmCalls: run.llmCalls, name: run.name }).toEqual({
      status: 'success',
      endedAt: new Date(now - 1000).toISOString(),
      llmCalls: 1,
      name: 'weather-agent',
    });
  });
});
