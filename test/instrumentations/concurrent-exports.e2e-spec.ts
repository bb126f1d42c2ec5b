/**
 * OpenLLMetry with disableBatch (and any SimpleSpanProcessor setup) exports each span the moment it
 * ends, so the spans of one trace arrive as concurrent requests. Fewer than OTLP_MAX_IN_FLIGHT of
 * them are admitted work on a healthy database: every one must be stored, none answered 503.
 * (The OpenLLMetry spec meets this only when its exports happen to overlap; this makes it certain.)
 */
import { JsonTraceSerializer } from '@opentelemetry/otlp-transformer';
import { createAgent, createApiKey, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { jsonText, makeSpans } from '../otlp/otlp-test-kit';

/** More than the test app's DATABASE_POOL_MAX (5), fewer than OTLP_MAX_IN_FLIGHT (16). */
const CONCURRENT_EXPORTS = 8;

describe('concurrent per-span exports of one trace', () => {
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
    const bodies = spans.map((span) => {
      const body = JSON.parse(jsonText(JsonTraceSerializer.serializeRequest([span]))) as {
        resourceSpans: Array<{ scopeSpans: Array<{ spans: Array<{ traceId: string }> }> }>;
      };
      body.resourceSpans[0].scopeSpans[0].spans[0].traceId = spans[0].spanContext().traceId;
      return JSON.stringify(body);
    });
    const answers = await Promise.all(
      bodies.map((body) => t.client.post('/api/otlp/v1/traces', { apiKey: key }).set('Content-Type', 'application/json').send(body)),
    );
    expect(answers.map((a) => a.status)).toEqual(bodies.map(() => 200));
    const { rows } = await t.sql.query(`select count(*)::int as n, count(distinct trace_id)::int as traces from llm_calls where agent_id = $1`, [agent.id]);
    expect(rows[0]).toEqual({ n: CONCURRENT_EXPORTS, traces: 1 });
  });
});
