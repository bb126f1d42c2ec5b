import { register } from 'prom-client';
import { createAgent, createApiKey, createUser, describeAuthorizationMatrix, MatrixWorld, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-03-10T12:00:00.000Z';
const T1 = '2026-03-10T11:00:00.000Z';
const T2 = '2026-03-09T23:30:00.000Z';

async function counts(t: TestApp): Promise<Record<string, number>> {
  const { rows } = await t.sql.query(
    `select (select count(*) from metric_samples)::int as samples, (select count(*) from llm_calls)::int as llm,
            (select count(*) from tool_calls)::int as tools, (select count(*) from events where actor = 'agent')::int as events`,
  );
  return rows[0];
}

async function metricValue(name: string, labels: Record<string, string>): Promise<number> {
  const metric = await register.getSingleMetric(name)?.get();
  const hit = metric?.values.find((v) => Object.entries(labels).every(([k, val]) => v.labels[k] === val));
  return hit?.value ?? 0;
}

describe('POST /api/ingest', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let agent: TestAgent;
  let agent2: TestAgent;
  let foreign: TestAgent;
  let ingestKey: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agent = await createAgent(t.client, owner);
    agent2 = await createAgent(t.client, owner);
    foreign = await createAgent(t.client, other);
    ingestKey = await createApiKey(t.client, owner, ['ingest']);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: unknown) => t.client.post('/api/ingest', { apiKey: ingestKey }).send(body as object);

  it('stores every kind exactly as sent and answers the counts', async () => {
    const itemsBefore = await metricValue('fleetwatch_ingest_items_total', { kind: 'samples' });
    const res = await post({
      samples: [
        { agentId: agent.id, type: 'cpu', value: 42.5, timestamp: T1, metadata: { host: 'a' } },
        { agentId: agent2.id, type: 'queue.depth', value: -3 },
      ],
      llmCalls: [
        { agentId: agent.id, model: 'gpt-4o', inputTokens: 1000, outputTokens: 500, latencyMs: 812.5, status: 'success', traceId: 'tr-1', timestamp: T1 },
      ],
      toolCalls: [{ agentId: agent2.id, tool: 'web_search', durationMs: 120, status: 'error', errorType: 'timeout', traceId: 'tr-1', timestamp: T2 }],
      events: [
        { agentId: agent.id, type: 'revenue', message: 'sale', metadata: { amountUsd: 120 }, timestamp: T1 },
        { type: 'note', message: 'fleet-wide' },
      ],
    });
    expect(res.status).toBe(202);
    expect(res.body).toEqual({ accepted: { samples: 2, llmCalls: 1, toolCalls: 1, events: 2 } });

    const samples = await t.sql.query(`select agent_id, type, value, metadata, ts from metric_samples order by ts`);
    expect(samples.rows).toEqual([
      { agent_id: agent.id, type: 'cpu', value: 42.5, metadata: { host: 'a' }, ts: new Date(T1) },
      { agent_id: agent2.id, type: 'queue.depth', value: -3, metadata: null, ts: new Date(NOW) },
    ]);
    const llm = await t.sql.query(
      `select agent_id, model, provider, input_tokens, output_tokens, latency_ms, status, error_type, cost_usd::text as cost, rate_source, trace_id, ts from llm_calls`,
    );
    // gpt-4o list price 2.50 / 10.00 per 1M tokens: 1000 × 2.5 / 1e6 + 500 × 10 / 1e6.
    expect(llm.rows).toEqual([
      {
        agent_id: agent.id,
        model: 'gpt-4o',
        provider: 'openai',
        input_tokens: 1000,
        output_tokens: 500,
        latency_ms: 812.5,
        status: 'success',
        error_type: null,
        cost: '0.0075000000',
        rate_source: 'model',
        trace_id: 'tr-1',
        ts: new Date(T1),
      },
    ]);
    const tools = await t.sql.query(`select agent_id, tool, duration_ms, status, error_type, trace_id, ts from tool_calls`);
    expect(tools.rows).toEqual([
      { agent_id: agent2.id, tool: 'web_search', duration_ms: 120, status: 'error', error_type: 'timeout', trace_id: 'tr-1', ts: new Date(T2) },
    ]);
    const events = await t.sql.query(`select owner_id, agent_id, type, message, metadata, actor, ts from events where actor = 'agent' order by type`);
    expect(events.rows).toEqual([
      { owner_id: owner.id, agent_id: null, type: 'note', message: 'fleet-wide', metadata: {}, actor: 'agent', ts: new Date(NOW) },
      { owner_id: owner.id, agent_id: agent.id, type: 'revenue', message: 'sale', metadata: { amountUsd: 120 }, actor: 'agent', ts: new Date(T1) },
    ]);
    const seen = await t.sql.query(`select id, last_seen_at from agents where id = any($1) order by id`, [[agent.id, agent2.id, foreign.id]]);
    for (const row of seen.rows) expect(row.last_seen_at).toEqual(row.id === foreign.id ? null : new Date(NOW));
    expect(await metricValue('fleetwatch_ingest_items_total', { kind: 'samples' })).toBe(itemsBefore + 2);
  });

  it('shows ingested events in the activity log read by the agents lib', async () => {
    const res = await t.client.get(`/api/monitoring/events?agentId=${agent.id}`, owner.auth);
    if (res.status === 404) return; // the monitoring routes belong to another lib and may not be there yet
    expect(res.body.some((e: { type: string; message: string }) => e.type === 'revenue' && e.message === 'sale')).toBe(true);
  });

  it('moves last_seen_at forward with the clock', async () => {
    t.clock.advance(60_000);
    expect((await post({ samples: [{ agentId: agent.id, type: 'messages', value: 3 }] })).status).toBe(202);
    const { rows } = await t.sql.query(`select last_seen_at from agents where id = $1`, [agent.id]);
    expect(rows[0].last_seen_at).toEqual(new Date(Date.parse(NOW) + 60_000));
    t.clock.set(NOW);
  });

  it('stores a batch of input/output-only calls and a batch that mixes them with typed calls column for column alike', async () => {
    const plain = {
      agentId: agent2.id,
      model: 'gpt-4o',
      provider: 'openai',
      inputTokens: 1000,
      outputTokens: 500,
      latencyMs: 300,
      status: 'success',
      timestamp: T1,
    };
    const typed = {
      ...plain,
      responseModel: 'gpt-4o',
      cacheReadInputTokens: 400,
      reasoningOutputTokens: 100,
      timeToFirstTokenMs: 120,
      runId: 'run-mixed',
      conversationId: 'conv-mixed',
    };
    const only = await post({ llmCalls: [{ ...plain, traceId: 'plain-only' }] });
    expect([only.status, only.body.message]).toEqual([202, undefined]);
    const mixed = await post({
      llmCalls: [
        { ...plain, traceId: 'mixed' },
        { ...typed, traceId: 'mixed' },
      ],
    });
    expect([mixed.status, mixed.body.message]).toEqual([202, undefined]);
    const version = (await t.sql.query(`select catalogue_version from model_prices where source = 'catalogue' and model = 'gpt-4o' limit 1`)).rows[0]
      .catalogue_version;
    const { rows } = await t.sql.query(
      `select trace_id, model, response_model, provider, input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens,
              cache_creation_5m_input_tokens, cache_creation_1h_input_tokens, reasoning_output_tokens, audio_input_tokens, audio_output_tokens,
              image_input_tokens, latency_ms, ttft_ms, status, error_type, cost_usd::text as cost, rate_source, price_source, price_version, cost_lines,
              run_id, conversation_id, span_id, parent_span_id, ts
         from llm_calls where trace_id in ('plain-only', 'mixed') order by trace_id desc, cache_read_input_tokens`,
    );
    const zeroTypes = {
      cache_read_input_tokens: 0,
      cache_creation_input_tokens: 0,
      cache_creation_5m_input_tokens: 0,
      cache_creation_1h_input_tokens: 0,
      reasoning_output_tokens: 0,
      audio_input_tokens: 0,
      audio_output_tokens: 0,
      image_input_tokens: 0,
    };
    // gpt-4o in the catalogue: input 2.5, cached input 1.25, output 10 USD per 1M; reasoning is billed as output.
    const plainRow = {
      model: 'gpt-4o',
      response_model: null,
      provider: 'openai',
      input_tokens: 1000,
      output_tokens: 500,
      ...zeroTypes,
      latency_ms: 300,
      ttft_ms: null,
      status: 'success',
      error_type: null,
      cost: '0.0075000000',
      rate_source: 'model',
      price_source: 'catalogue',
      price_version: version,
      cost_lines: { input: '0.0025', output: '0.005' },
      run_id: null,
      conversation_id: null,
      span_id: null,
      parent_span_id: null,
      ts: new Date(T1),
    };
    expect(rows).toEqual([
      { ...plainRow, trace_id: 'plain-only' },
      { ...plainRow, trace_id: 'mixed' },
      {
        ...plainRow,
        trace_id: 'mixed',
        response_model: 'gpt-4o',
        cache_read_input_tokens: 400,
        reasoning_output_tokens: 100,
        ttft_ms: 120,
        cost: '0.0070000000',
        cost_lines: { input: '0.0015', cacheRead: '0.0005', output: '0.005' },
        run_id: 'run-mixed',
        conversation_id: 'conv-mixed',
      },
    ]);
  });

  it('rejects the whole batch when one item is bad, naming the item, and stores nothing', async () => {
    const before = await counts(t);
    const rejectsBefore = await metricValue('fleetwatch_ingest_rejects_total', { reason: 'invalid' });
    const samples = [0, 1, 2, 3].map((i) => ({ agentId: agent.id, type: 'cpu', value: i === 3 ? 'high' : 10 }));
    const res = await post({ samples, llmCalls: [{ agentId: agent.id, model: 'gpt-4o', inputTokens: 1, outputTokens: 1, latencyMs: 1, status: 'success' }] });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('samples[3].value must be a finite number');
    expect(await counts(t)).toEqual(before);
    expect(await metricValue('fleetwatch_ingest_rejects_total', { reason: 'invalid' })).toBe(rejectsBefore + 1);
  });

  it.each([
    [{ samples: [{ agentId: 'nope', type: 'cpu', value: 1 }] }, 'samples[0].agentId must be a UUID'],
    [{ samples: [{ type: 'cpu', value: 1 }] }, 'samples[0].agentId is required'],
    [
      { samples: [{ agentId: '0190b6a0-0000-7000-8000-000000000000', type: 'cpu', value: 101 }] },
      'samples[0].value must be between 0 and 100 for cpu (percent)',
    ],
    [{ samples: [{ agentId: '0190b6a0-0000-7000-8000-000000000000', type: 'Bad Type', value: 1 }] }, 'samples[0].type must match ^[a-z][a-z0-9_.]{0,63}$'],
    [
      { toolCalls: [{ agentId: '0190b6a0-0000-7000-8000-000000000000', tool: 'x', durationMs: 1, status: 'maybe' }] },
      'toolCalls[0].status must be one of success, error',
    ],
    [
      { llmCalls: [{ agentId: '0190b6a0-0000-7000-8000-000000000000', model: 'm', inputTokens: 1.5, outputTokens: 1, latencyMs: 1, status: 'success' }] },
      'llmCalls[0].inputTokens must be an integer',
    ],
    [{ events: [{ type: 'x', message: 'm', extra: 1 }] }, 'events[0].extra is not an allowed property'],
    [{ gauges: [] }, 'gauges is not an allowed property'],
    [[1, 2], 'body must be a JSON object'],
  ])('400 for %j', async (body, message) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
  });

  it('400 for a timestamp more than 5 minutes in the future or older than raw retention', async () => {
    const before = await counts(t);
    const future = new Date(Date.parse(NOW) + 5 * 60_000 + 1000).toISOString();
    const old = new Date(Date.parse(NOW) - 31 * 86_400_000).toISOString();
    const ok = new Date(Date.parse(NOW) + 4 * 60_000).toISOString();
    const res = await post({
      samples: [
        { agentId: agent.id, type: 'cpu', value: 1, timestamp: ok },
        { agentId: agent.id, type: 'cpu', value: 1, timestamp: future },
      ],
      toolCalls: [{ agentId: agent.id, tool: 'x', durationMs: 1, status: 'success', timestamp: old }],
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'samples[1].timestamp is more than 5 minutes in the future; toolCalls[0].timestamp is older than the raw retention of 30 days',
    );
    expect(await counts(t)).toEqual(before);
  });

  it('400, not 500, for a value PostgreSQL refuses (an unpaired surrogate in metadata), storing nothing, not even last_seen_at', async () => {
    const before = await counts(t);
    const seenBefore = (await t.sql.query(`select last_seen_at, last_sample_at from agents where id = $1`, [agent.id])).rows[0];
    // Later than anything the other tests wrote, so a touch would show.
    t.clock.advance(3_600_000);
    const raw = `{"samples":[{"agentId":"${agent.id}","type":"cpu","value":1,"metadata":{"a":"\\ud800"}}]}`;
    const res = await t.client.post('/api/ingest', { apiKey: ingestKey }).set('content-type', 'application/json').send(raw);
    t.clock.set(NOW);
    expect(res.status).toBe(400);
    // Refused by validation now, naming the item, before PostgreSQL would have refused it.
    expect(res.body.message).toBe('samples[0].metadata.a must not contain NUL or unpaired surrogates');
    expect(await counts(t)).toEqual(before);
    const seenAfter = (await t.sql.query(`select last_seen_at, last_sample_at from agents where id = $1`, [agent.id])).rows[0];
    expect(seenAfter).toEqual(seenBefore);
  });

  it('404 naming a foreign or unknown agentId, storing nothing', async () => {
    const before = await counts(t);
    const res = await post({
      samples: [{ agentId: agent.id, type: 'cpu', value: 5 }],
      toolCalls: [{ agentId: foreign.id, tool: 'x', durationMs: 1, status: 'success' }],
    });
    expect(res.status).toBe(404);
    expect(res.body.message).toBe(`agent ${foreign.id} not found (toolCalls[0].agentId)`);
    const unknown = '0190b6a0-0000-7000-8000-0000000000aa';
    const res2 = await post({ events: [{ agentId: unknown, type: 'x', message: 'm' }] });
    expect(res2.status).toBe(404);
    expect(res2.body.message).toContain(unknown);
    expect(await counts(t)).toEqual(before);
  });

  it('a single-table batch with a foreign agent changes nothing, not even last_seen_at of the caller’s agents', async () => {
    const before = await counts(t);
    const seenBefore = (await t.sql.query(`select last_seen_at from agents where id = $1`, [agent2.id])).rows[0].last_seen_at;
    t.clock.advance(120_000);
    const res = await post({
      samples: [
        { agentId: agent2.id, type: 'cpu', value: 5 },
        { agentId: foreign.id, type: 'cpu', value: 5 },
      ],
    });
    t.clock.set(NOW);
    expect(res.status).toBe(404);
    expect(res.body.message).toBe(`agent ${foreign.id} not found (samples[1].agentId)`);
    expect(await counts(t)).toEqual(before);
    const seen = await t.sql.query(`select id, last_seen_at from agents where id = any($1)`, [[agent2.id, foreign.id]]);
    expect(Object.fromEntries(seen.rows.map((r) => [r.id, r.last_seen_at]))).toEqual({ [agent2.id]: seenBefore, [foreign.id]: null });
  });

  it('a key bound to one agent writes its events for that agent and refuses items naming another (403, nothing stored)', async () => {
    const created = await t.client.post('/api/auth/api-keys', owner.auth).send({ name: 'bound', scopes: ['ingest'], agentId: agent2.id });
    const bound = { apiKey: created.body.key as string };
    const before = await counts(t);
    const refused = await t.client.post('/api/ingest', bound).send({
      samples: [
        { agentId: agent2.id, type: 'cpu', value: 10 },
        { agentId: agent.id, type: 'cpu', value: 20 },
      ],
    });
    expect(refused.status).toBe(403);
    expect(refused.body).toEqual({
      statusCode: 403,
      error: 'Forbidden',
      code: 'key_bound_to_other_agent',
      message: `this API key is bound to agent ${agent2.id} (samples[1].agentId names another)`,
    });
    expect(await counts(t)).toEqual(before);

    const ok = await t.client.post('/api/ingest', bound).send({ events: [{ type: 'deploy_note', message: 'bound event' }] });
    expect(ok.status).toBe(202);
    const { rows } = await t.sql.query(`select agent_id, owner_id from events where message = 'bound event'`);
    expect(rows).toEqual([{ agent_id: agent2.id, owner_id: owner.id }]);
  });

  it('lets an admin write to any agent; the event belongs to the agent’s owner', async () => {
    const res = await t.client.post('/api/ingest', admin.auth).send({ events: [{ agentId: foreign.id, type: 'audit', message: 'by admin' }] });
    expect(res.status).toBe(202);
    const { rows } = await t.sql.query(`select owner_id from events where type = 'audit'`);
    expect(rows).toEqual([{ owner_id: other.id }]);
  });

  it('413 past 10,000 items, before looking at them', async () => {
    const before = await counts(t);
    const samples = Array.from({ length: 10_001 }, () => ({ agentId: agent.id, type: 'cpu', value: 1 }));
    const res = await post({ samples });
    expect(res.status).toBe(413);
    expect(res.body.message).toBe('too many items: 10001 (at most 10000 per request)');
    expect(await counts(t)).toEqual(before);
  });

  it('accepts exactly 10,000 items in one batch', async () => {
    const before = await counts(t);
    const samples = Array.from({ length: 10_000 }, (_, i) => ({ agentId: i % 2 ? agent.id : agent2.id, type: 'memory', value: i % 100 }));
    const res = await post({ samples });
    expect(res.status).toBe(202);
    expect(res.body.accepted.samples).toBe(10_000);
    expect((await counts(t)).samples).toBe(before.samples + 10_000);
    const { rows } = await t.sql.query(`select sum(value)::float as total from metric_samples where type = 'memory'`);
    expect(rows[0].total).toBe((100 * (99 * 100)) / 2);
  });

  let world: MatrixWorld;
  beforeAll(() => {
    world = { client: t.client, owner, otherUser: other, admin, fixtures: {} };
  });
  describeAuthorizationMatrix('ingest', () => world, [
    {
      route: 'POST /api/ingest',
      method: 'post',
      scope: 'ingest',
      path: () => '/api/ingest',
      body: () => ({ samples: [{ agentId: agent.id, type: 'cpu', value: 1 }] }),
      expect: { anonymous: 401, owner: 202, otherUser: 404, admin: 202, wrongScopeKey: 403, rightScopeKey: 202 },
    },
  ]);

  it('an ingest-only key cannot read', async () => {
    const res = await t.client.get('/api/agents', { apiKey: ingestKey });
    expect(res.status).toBe(403);
    const prices = await t.client.get('/api/cost/models', { apiKey: ingestKey });
    expect(prices.status).toBe(403);
  });
});
