import { PriceBook } from '@fleetwatch/cost';
import { createAgent, createApiKey, createUser, describeAuthorizationMatrix, insertModelPrices, MatrixWorld, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-05-20T12:00:00.000Z';

describe('model prices and cost at ingest', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agent = await createAgent(t.client, owner);
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (model: string, inputTokens: number, outputTokens: number, timestamp: string, extra: Record<string, unknown> = {}) => ({
    agentId: agent.id,
    model,
    inputTokens,
    outputTokens,
    latencyMs: 100,
    status: 'success',
    timestamp,
    ...extra,
  });
  const costs = async (traceId: string) =>
    (await t.sql.query(`select model, provider, cost_usd::float as cost, rate_source from llm_calls where trace_id = $1 order by ts`, [traceId])).rows;

  const NO_RATES = {
    cacheReadPer1M: null,
    cacheWrite5mPer1M: null,
    cacheWrite1hPer1M: null,
    audioInputPer1M: null,
    audioOutputPer1M: null,
    cacheReadAudioPer1M: null,
    imageInputPer1M: null,
    cacheReadImagePer1M: null,
    reasoningPer1M: null,
  };

  it('lists the catalogue: the versions in force now, every rate and tier, with its version', async () => {
    const res = await t.client.get('/api/cost/models?provider=anthropic&model=claude-sonnet-4-5', owner.auth);
    expect(res.status).toBe(200);
    expect(res.body.find((p: { model: string }) => p.model === 'claude-sonnet-4-5')).toEqual({
      model: 'claude-sonnet-4-5',
      provider: 'anthropic',
      ...NO_RATES,
      inputPer1M: 3,
      outputPer1M: 15,
      cacheReadPer1M: 0.3,
      cacheWrite5mPer1M: 3.75,
      cacheWrite1hPer1M: 6,
      tiers: [{ aboveInputTokens: 200000, ...NO_RATES, inputPer1M: 6, outputPer1M: 22.5, cacheReadPer1M: 0.6, cacheWrite5mPer1M: 7.5, cacheWrite1hPer1M: 12 }],
      perRequest: null,
      timeOfDay: null,
      otherPrices: expect.any(Object),
      source: 'catalogue',
      catalogueVersion: '0.1.8',
      effectiveFrom: '1970-01-01T00:00:00.000Z',
    });
    // The filter is a case-insensitive substring: every row has it, and only Anthropic's.
    const names = (res.body as Array<{ model: string; provider: string }>).map((p) => [p.provider, p.model.toLowerCase().includes('claude-sonnet-4-5')]);
    expect(names.every(([provider, has]) => provider === 'anthropic' && has)).toBe(true);
  });

  it('pages through every catalogue version in force, newest first, as many as the table holds', async () => {
    const expected = await t.sql.query(
      `select count(*)::int as n from (select distinct model, coalesce(time_of_day_start, '') from model_prices where source = 'catalogue' and provider = 'openai' and effective_from <= $1) v`,
      [NOW],
    );
    const seen: Array<{ model: string; effectiveFrom: string }> = [];
    let cursor: string | undefined;
    for (let page = 0; page < 100; page++) {
      const res = await t.client.get(`/api/cost/models?provider=OpenAI&source=catalogue&limit=37${cursor ? `&cursor=${cursor}` : ''}`, owner.auth);
      expect(res.status).toBe(200);
      seen.push(...res.body);
      cursor = res.headers['x-next-cursor'];
      if (!cursor) break;
      expect(res.body).toHaveLength(37);
    }
    expect(seen).toHaveLength(expected.rows[0].n);
    expect(new Set(seen.map((p) => `${p.model}|${p.effectiveFrom}`)).size).toBe(seen.length);
    const times = seen.map((p) => Date.parse(p.effectiveFrom));
    expect([...times].sort((a, b) => b - a)).toEqual(times);
  });

  it('prices calls with the version in force at each call’s timestamp', async () => {
    await insertModelPrices(t.sql, [{ model: 'gpt-4o', provider: 'openai', inputPer1m: 5, outputPer1m: 20, effectiveFrom: '2026-05-20T00:00:00Z' }]);
    const res = await t.client.post('/api/ingest', owner.auth).send({
      llmCalls: [
        call('gpt-4o', 2000, 1000, '2026-05-19T23:59:59Z', { traceId: 'change' }),
        call('gpt-4o', 2000, 1000, '2026-05-20T00:00:00Z', { traceId: 'change' }),
      ],
    });
    expect(res.status).toBe(202);
    expect(await costs('change')).toEqual([
      { model: 'gpt-4o', provider: 'openai', cost: (2000 * 2.5 + 1000 * 10) / 1e6, rate_source: 'model' },
      { model: 'gpt-4o', provider: 'openai', cost: (2000 * 5 + 1000 * 20) / 1e6, rate_source: 'model' },
    ]);
    const current = await t.client.get('/api/cost/models', owner.auth);
    expect(current.body.find((p: { model: string }) => p.model === 'gpt-4o')).toMatchObject({
      inputPer1M: 5,
      outputPer1M: 20,
      effectiveFrom: '2026-05-20T00:00:00.000Z',
    });
    const before = await t.client.get('/api/cost/models?at=2026-05-19T00:00:00Z&provider=openai&model=gpt-4o', owner.auth);
    expect(before.body.find((p: { model: string }) => p.model === 'gpt-4o')).toMatchObject({ inputPer1M: 2.5, outputPer1M: 10 });
  });

  it('falls back per 1k tokens for an unknown model, matches case-insensitively, and lets the client’s cost win', async () => {
    const res = await t.client.post('/api/ingest', owner.auth).send({
      llmCalls: [
        call('my-local-model', 1200, 300, '2026-05-20T10:00:00Z', { traceId: 'mix' }),
        call('Claude-Sonnet-4', 1_000_000, 0, '2026-05-20T10:00:01Z', { traceId: 'mix' }),
        call('gpt-4o-mini', 5000, 5000, '2026-05-20T10:00:02Z', { traceId: 'mix', costUsd: 0.123, provider: 'azure' }),
      ],
    });
    expect(res.status).toBe(202);
    expect(await costs('mix')).toEqual([
      { model: 'my-local-model', provider: null, cost: (0.002 * 1500) / 1000, rate_source: 'fallback' },
      { model: 'Claude-Sonnet-4', provider: 'anthropic', cost: 3, rate_source: 'model' },
      { model: 'gpt-4o-mini', provider: 'azure', cost: 0.123, rate_source: 'client' },
    ]);
  });

  it('a call before a model’s first version falls back', async () => {
    const rates = { input: '1', output: '2', cacheRead: null, cacheWrite5m: null, cacheWrite1h: null, audioInput: null, audioOutput: null };
    await t.get(PriceBook).addVersion({
      source: 'admin',
      ownerId: null,
      model: 'new-model',
      provider: 'acme',
      rates: { ...rates, cacheReadAudio: null, imageInput: null, cacheReadImage: null, reasoning: null },
      tiers: [],
      perRequest: null,
      timeOfDay: null,
      otherPrices: {},
      effectiveFrom: new Date('2026-05-20T06:00:00Z'),
    });
    const res = await t.client.post('/api/ingest', owner.auth).send({
      llmCalls: [
        call('new-model', 1000, 1000, '2026-05-20T05:00:00Z', { traceId: 'first' }),
        call('new-model', 1000, 1000, '2026-05-20T07:00:00Z', { traceId: 'first' }),
      ],
    });
    expect(res.status).toBe(202);
    expect(await costs('first')).toEqual([
      { model: 'new-model', provider: null, cost: 0.004, rate_source: 'fallback' },
      { model: 'new-model', provider: 'acme', cost: 0.003, rate_source: 'model' },
    ]);
  });

  it('400 for a bad ?at and for unknown query parameters', async () => {
    expect((await t.client.get('/api/cost/models?at=yesterday', owner.auth)).status).toBe(400);
    const unknown = await t.client.get('/api/cost/models?foo=1', owner.auth);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toContain('foo');
  });

  it('a monitoring:read key cannot ingest', async () => {
    const readKey = await createApiKey(t.client, owner, ['monitoring:read']);
    const res = await t.client.post('/api/ingest', { apiKey: readKey }).send({ samples: [] });
    expect(res.status).toBe(403);
  });

  let world: MatrixWorld;
  beforeAll(() => {
    world = { client: t.client, owner, otherUser: other, admin, fixtures: {} };
  });
  describeAuthorizationMatrix('cost models', () => world, [
    {
      route: 'GET /api/cost/models',
      method: 'get',
      scope: 'monitoring:read',
      path: () => '/api/cost/models',
      expect: { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
  ]);
});
