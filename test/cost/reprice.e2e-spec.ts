import { JobScheduler } from '@fleetwatch/database';
import { ROLLUP_JOB } from '@fleetwatch/rollups';
import { createAgent, createUser, describeAuthorizationMatrix, generateLlmCalls, MatrixWorld, rowTime, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureLlmPartitions, insertLlmCalls } from './llm-call-rows';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const NO_TYPES = {
  cache_read_input_tokens: 0,
  cache_creation_input_tokens: 0,
  cache_creation_5m_input_tokens: 0,
  cache_creation_1h_input_tokens: 0,
  reasoning_output_tokens: 0,
  audio_input_tokens: 0,
  audio_output_tokens: 0,
  image_input_tokens: 0,
};

describe('price versions and repricing', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let agent: TestAgent;
  let ids: string[];

  async function stored(): Promise<Record<string, { cost: number; source: string }>> {
    const rows = await t.sql.query(`select id, cost_usd, rate_source from llm_calls`);
    return Object.fromEntries(rows.rows.map((r) => [r.id, { cost: Number(r.cost_usd), source: r.rate_source }]));
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agent = await createAgent(t.client, owner);
    await ensureLlmPartitions(t.sql, '2026-10-29', '2026-11-21');
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds price versions and keeps the history', async () => {
    const v1 = await t.client
      .put('/api/cost/models/test-model', admin.auth)
      .send({ provider: 'acme', inputPer1M: 1, outputPer1M: 2, effectiveFrom: '2026-11-01T00:00:00Z' });
    expect(v1.status).toBe(200);
    expect(v1.body).toEqual({
      model: 'test-model',
      provider: 'acme',
      inputPer1M: 1,
      outputPer1M: 2,
      cacheReadPer1M: null,
      cacheWrite5mPer1M: null,
      cacheWrite1hPer1M: null,
      audioInputPer1M: null,
      audioOutputPer1M: null,
      cacheReadAudioPer1M: null,
      imageInputPer1M: null,
      cacheReadImagePer1M: null,
      reasoningPer1M: null,
      tiers: [],
      perRequest: null,
      timeOfDay: null,
      otherPrices: {},
      source: 'admin',
      catalogueVersion: null,
      effectiveFrom: '2026-11-01T00:00:00.000Z',
    });
    const v2 = await t.client
      .put('/api/cost/models/test-model', admin.auth)
      .send({ provider: 'acme', inputPer1M: 10, outputPer1M: 20, effectiveFrom: '2026-11-15T00:00:00Z' });
    expect(v2.body.effectiveFrom).toBe('2026-11-15T00:00:00.000Z');
    const at = async (when: string) =>
      ((await t.client.get(`/api/cost/models?at=${when}`, owner.auth)).body as { model: string; inputPer1M: number }[]).find((p) => p.model === 'test-model');
    expect((await at('2026-11-10T00:00:00Z'))?.inputPer1M).toBe(1);
    expect((await at('2026-11-16T00:00:00Z'))?.inputPer1M).toBe(10);
    expect(await at('2026-10-31T00:00:00Z')).toBeUndefined();

    const slashed = await t.client
      .put('/api/cost/models/openai%2Fgpt-5.5', admin.auth)
      .send({ provider: 'openai', inputPer1M: 3, outputPer1M: 6, effectiveFrom: '2026-11-01T00:00:00Z' });
    expect(slashed.body).toMatchObject({ model: 'openai/gpt-5.5', inputPer1M: 3 });

    const bad = await t.client.put('/api/cost/models/test-model', admin.auth).send({ inputPer1M: -1, outputPer1M: 2 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('inputPer1M');
  });

  it('recomputes only computed costs, splitting calls between the two versions, and changes nothing the second time', async () => {
    ids = await insertLlmCalls(t.sql, [
      // priced before v1 existed: stale 0 → v1
      { agentId: agent.id, ts: '2026-11-10T00:00:00Z', model: 'test-model', inputTokens: 1000, outputTokens: 1000, costUsd: 0, rateSource: 'fallback' },
      // priced with v1 before v2 was added → v2
      {
        agentId: agent.id,
        ts: '2026-11-16T00:00:00Z',
        model: 'test-model',
        provider: 'acme',
        inputTokens: 1000,
        outputTokens: 1000,
        costUsd: 0.003,
        rateSource: 'model',
        priceSource: 'admin',
      },
      // the client's cost stays
      {
        agentId: agent.id,
        ts: '2026-11-16T00:00:00Z',
        model: 'test-model',
        provider: 'acme',
        inputTokens: 1000,
        outputTokens: 1000,
        costUsd: 0.5,
        rateSource: 'client',
      },
      // no price: fallback 0.002 per 1k tokens
      { agentId: agent.id, ts: '2026-11-16T00:00:00Z', model: 'no-such-model', inputTokens: 500, outputTokens: 500, costUsd: 0, rateSource: 'fallback' },
      // already right
      {
        agentId: agent.id,
        ts: '2026-11-18T00:00:00Z',
        model: 'test-model',
        provider: 'acme',
        inputTokens: 1000,
        outputTokens: 1000,
        costUsd: 0.03,
        rateSource: 'model',
        priceSource: 'admin',
      },
      // outside the range
      { agentId: agent.id, ts: '2026-10-30T00:00:00Z', model: 'test-model', inputTokens: 1000, outputTokens: 1000, costUsd: 9, rateSource: 'model' },
    ]);
    await t.get(JobScheduler).runNow(ROLLUP_JOB);
    const response = await t.client.post('/api/admin/cost/reprice', admin.auth).send({ from: '2026-11-01T00:00:00Z', to: '2026-11-20T00:00:00Z' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ scanned: 4, changed: 3, costDelta: 0.032 });
    const after = await stored();
    expect(ids.map((id) => after[id])).toEqual([
      { cost: 0.003, source: 'model' },
      { cost: 0.03, source: 'model' },
      { cost: 0.5, source: 'client' },
      { cost: 0.002, source: 'fallback' },
      { cost: 0.03, source: 'model' },
      { cost: 9, source: 'model' },
    ]);

    // The hourly rollups follow the new costs on their next pass.
    await t.get(JobScheduler).runNow(ROLLUP_JOB);
    const totals = await t.sql.query(
      `select (select sum(cost_usd) from rollup_llm_hourly where agent_id = $1)::float8 as rolled, (select sum(cost_usd) from llm_calls where agent_id = $1)::float8 as raw`,
      [agent.id],
    );
    expect(totals.rows[0].rolled).toBeCloseTo(totals.rows[0].raw, 10);
    expect(totals.rows[0].raw).toBeCloseTo(9.565, 10);

    const again = await t.client.post('/api/admin/cost/reprice', admin.auth).send({ from: '2026-11-01T00:00:00Z', to: '2026-11-20T00:00:00Z' });
    expect(again.body).toEqual({ scanned: 4, changed: 0, costDelta: 0 });
    const oneModel = await t.client
      .post('/api/admin/cost/reprice', admin.auth)
      .send({ from: '2026-11-01T00:00:00Z', to: '2026-11-20T00:00:00Z', model: 'TEST-MODEL' });
    expect(oneModel.body).toEqual({ scanned: 3, changed: 0, costDelta: 0 });

    const cost = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-11-01&period_end=2026-11-19`, owner.auth);
    // The call that was on the fallback now carries the matched price's provider, as ingest would have stored it.
    expect(cost.body.cost_details.tokens.models).toEqual([
      {
        model: 'test-model',
        provider: 'acme',
        input_tokens: 1000,
        output_tokens: 1000,
        total_tokens: 2000,
        calls: 1,
        ...NO_TYPES,
        rate_source: 'client',
        price_source: null,
        price_version: null,
        token_cost: 0.5,
        costs_by_type: null,
      },
      {
        model: 'test-model',
        provider: 'acme',
        input_tokens: 3000,
        output_tokens: 3000,
        total_tokens: 6000,
        calls: 3,
        ...NO_TYPES,
        rate_source: 'model',
        price_source: 'admin',
        price_version: null,
        token_cost: 0.063,
        // Each call's split at its version: 1000 × 1 + 2 × (1000 × 10) input, 1000 × 2 + 2 × (1000 × 20) output per 1M. The call that was
        // already right (stored without a split) got its split from the reprice without being counted as changed.
        costs_by_type: {
          input: 0.021,
          output: 0.042,
          cache_read: 0,
          cache_write_5m: 0,
          cache_write_1h: 0,
          reasoning: 0,
          audio_input: 0,
          audio_output: 0,
          image_input: 0,
          cache_read_audio: 0,
          cache_read_image: 0,
          request: 0,
        },
      },
      {
        model: 'no-such-model',
        provider: null,
        input_tokens: 500,
        output_tokens: 500,
        total_tokens: 1000,
        calls: 1,
        ...NO_TYPES,
        rate_source: 'fallback',
        price_source: null,
        price_version: null,
        token_cost: 0.002,
        costs_by_type: null,
      },
    ]);
    expect(cost.body.cost_details.tokens.unpriced).toEqual({
      calls: 1,
      input_tokens: 500,
      output_tokens: 500,
      models: [{ model: 'no-such-model', calls: 1, tokens: 1000 }],
    });
    expect(cost.body.token_cost).toBe(0.565);
  });

  it('walks batches keyed on microsecond timestamps and sums the delta exactly', async () => {
    await t.client
      .put('/api/cost/models/micro-model', admin.auth)
      .send({ provider: 'acme', inputPer1M: 1, outputPer1M: 0, effectiveFrom: '2026-11-01T00:00:00Z' });
    // 2,500 calls a microsecond apart (finer than a JS Date): every batch boundary falls inside one millisecond.
    await generateLlmCalls(t.sql, 2500, {
      agentId: agent.id,
      model: 'micro-model',
      inputTokens: 1,
      outputTokens: 0,
      latencyMs: 1,
      status: 'success',
      costUsd: 0,
      rateSource: 'fallback',
      ts: rowTime('2026-11-19T00:00:00Z', { every: '1 microsecond', mod: 7 }),
    });
    const response = await t.client
      .post('/api/admin/cost/reprice', admin.auth)
      .send({ from: '2026-11-19T00:00:00Z', to: '2026-11-19T00:00:01Z', model: 'micro-model' });
    // Each call: 1 input token at $1 per 1M = 0.000001; 2,500 of them add exactly 0.0025.
    expect(response.body).toEqual({ scanned: 2500, changed: 2500, costDelta: 0.0025 });
    const rows = await t.sql.query(
      `select count(*)::int as n, sum(cost_usd)::text as total, count(*) filter (where provider = 'acme')::int as acme from llm_calls where model = 'micro-model'`,
    );
    expect(rows.rows[0]).toEqual({ n: 2500, total: '0.0025000000', acme: 2500 });
    const again = await t.client
      .post('/api/admin/cost/reprice', admin.auth)
      .send({ from: '2026-11-19T00:00:00Z', to: '2026-11-19T00:00:01Z', model: 'micro-model' });
    expect(again.body).toEqual({ scanned: 2500, changed: 0, costDelta: 0 });
  });

  it('validates the range, naming the field', async () => {
    const missing = await t.client.post('/api/admin/cost/reprice', admin.auth).send({ to: '2026-11-20T00:00:00Z' });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.message)).toContain('from');
    const reversed = await t.client.post('/api/admin/cost/reprice', admin.auth).send({ from: '2026-11-20T00:00:00Z', to: '2026-11-01T00:00:00Z' });
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toContain('to must be after from');
    const naive = await t.client.post('/api/admin/cost/reprice', admin.auth).send({ from: '2026-11-01T00:00:00', to: '2026-11-20T00:00:00Z' });
    expect(naive.status).toBe(400);
    expect(JSON.stringify(naive.body.message)).toContain('from must be a timestamp with Z or an offset');
    const extra = await t.client.post('/api/admin/cost/reprice', admin.auth).send({ from: '2026-11-01T00:00:00Z', to: '2026-11-20T00:00:00Z', agentId: 'x' });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body.message)).toContain('agentId');
  });

  const adminOnly = { anonymous: 401, owner: 403, otherUser: 403, admin: 200, wrongScopeKey: 403, rightScopeKey: 403 };
  describeAuthorizationMatrix('cost administration', (): MatrixWorld => ({ client: t.client, owner, otherUser: other, admin, fixtures: {} }), [
    {
      route: 'PUT /api/cost/models/:model',
      method: 'put',
      path: () => '/api/cost/models/matrix-model',
      body: () => ({ provider: 'acme', inputPer1M: 1, outputPer1M: 1, effectiveFrom: '2026-01-01T00:00:00Z' }),
      expect: adminOnly,
    },
    {
      route: 'POST /api/admin/cost/reprice',
      method: 'post',
      path: () => '/api/admin/cost/reprice',
      body: () => ({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }),
      expect: adminOnly,
    },
  ]);
});
