import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-20T12:00:00.000Z';
/** USD of [billed tokens, USD per 1M] lines plus a fee, summed in exact units of 1e-10 USD (rates have at most 4 decimals). */
const usd = (lines: Array<[number, number]>, fee = 0): number =>
  (lines.reduce((s, [tokens, rate]) => s + tokens * Math.round(rate * 1e4), 0) + Math.round(fee * 1e10)) / 1e10;

const NONE = {
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

describe('GET and PUT /api/cost/models: every rate, tiers, history, filters', () => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
  });
  afterAll(async () => {
    await t.close();
  });

  const full = {
    provider: 'acme',
    inputPer1M: 2,
    outputPer1M: 8,
    cacheReadPer1M: 0.2,
    cacheWrite5mPer1M: 2.5,
    cacheWrite1hPer1M: 4,
    reasoningPer1M: 10,
    tiers: [
      { aboveInputTokens: 100_000, inputPer1M: 4, outputPer1M: 16, cacheReadPer1M: 0.4, cacheWrite5mPer1M: 5, cacheWrite1hPer1M: 8, reasoningPer1M: 20 },
      { aboveInputTokens: 500_000, inputPer1M: 6, outputPer1M: 24, cacheReadPer1M: 0.6, cacheWrite5mPer1M: 7.5, cacheWrite1hPer1M: 12, reasoningPer1M: 30 },
    ],
    perRequest: 0.01,
    effectiveFrom: '2026-11-01T00:00:00Z',
  };

  it('stores every rate, tier and the per-request fee, and prices a call with them', async () => {
    const put = await t.client.put('/api/cost/models/acme-large', admin.auth).send(full);
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      model: 'acme-large',
      provider: 'acme',
      ...NONE,
      inputPer1M: 2,
      outputPer1M: 8,
      cacheReadPer1M: 0.2,
      cacheWrite5mPer1M: 2.5,
      cacheWrite1hPer1M: 4,
      reasoningPer1M: 10,
      tiers: full.tiers.map((tier) => ({ ...NONE, ...tier })),
      perRequest: 0.01,
      timeOfDay: null,
      otherPrices: {},
      source: 'admin',
      catalogueVersion: null,
      effectiveFrom: '2026-11-01T00:00:00.000Z',
    });
    const listed = await t.client.get('/api/cost/models?model=ACME-L&source=admin', owner.auth);
    expect(listed.body).toEqual([put.body]);

    const agent = await createAgent(t.client, owner);
    const ingest = await t.client.post('/api/ingest', owner.auth).send({
      llmCalls: [
        {
          agentId: agent.id,
          model: 'acme-large',
          inputTokens: 150_000,
          cacheReadInputTokens: 100_000,
          cacheCreationInputTokens: 30_000,
          cacheCreation1hInputTokens: 10_000,
          outputTokens: 5_000,
          reasoningOutputTokens: 3_000,
          latencyMs: 10,
          status: 'success',
          timestamp: '2026-11-10T00:00:00Z',
        },
      ],
    });
    expect(ingest.status).toBe(202);
    // 150,000 input > 100,000: the first tier for the whole call. Billed input 150,000 − 100,000 − 30,000; 5m writes 30,000 − 10,000; output 5,000 − 3,000.
    const expected = usd(
      [
        [20_000, 4],
        [100_000, 0.4],
        [20_000, 5],
        [10_000, 8],
        [2_000, 16],
        [3_000, 20],
      ],
      0.01,
    );
    const cost = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-11-01&period_end=2026-11-20`, owner.auth);
    expect(cost.body.token_cost).toBe(expected);
    expect(cost.body.cost_details.tokens.models[0]).toMatchObject({ price_source: 'admin', price_version: null, cache_creation_1h_input_tokens: 10_000 });
  });

  it('prices the next batch with a version replaced in place, as every price write moves the revision', async () => {
    const revision = async () => Number((await t.sql.query(`select n from price_revision`)).rows[0].n);
    const costOf = async (inputPer1M: number, outputPer1M: number) => {
      const agent = await createAgent(t.client, owner);
      const res = await t.client.post('/api/ingest', owner.auth).send({
        llmCalls: [
          {
            agentId: agent.id,
            model: 'acme-small',
            inputTokens: 1_000,
            outputTokens: 1_000,
            latencyMs: 1,
            status: 'success',
            timestamp: '2026-11-10T00:00:00Z',
          },
        ],
      });
      expect(res.status).toBe(202);
      const cost = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-11-01&period_end=2026-11-20`, owner.auth);
      expect(cost.body.token_cost).toBe(
        usd([
          [1_000, inputPer1M],
          [1_000, outputPer1M],
        ]),
      );
    };
    const version = { provider: 'acme', inputPer1M: 1, outputPer1M: 2, effectiveFrom: '2026-11-01T00:00:00Z' };
    const before = await revision();
    expect((await t.client.put('/api/cost/models/acme-small', admin.auth).send(version)).status).toBe(200);
    const afterFirst = await revision();
    expect(afterFirst).toBeGreaterThan(before);
    await costOf(1, 2);
    // The same model, provider and effectiveFrom: the version is replaced, the row count unchanged.
    expect((await t.client.put('/api/cost/models/acme-small', admin.auth).send({ ...version, inputPer1M: 3, outputPer1M: 4 })).status).toBe(200);
    expect(await revision()).toBeGreaterThan(afterFirst);
    await costOf(3, 4);
  });

  it('lists the version in force now, at another instant, or every version', async () => {
    const v2 = await t.client.put('/api/cost/models/acme-large', admin.auth).send({ ...full, inputPer1M: 3, effectiveFrom: '2026-11-15T00:00:00Z' });
    expect(v2.status).toBe(200);
    const future = await t.client.put('/api/cost/models/acme-large', admin.auth).send({ ...full, inputPer1M: 5, effectiveFrom: '2026-12-01T00:00:00Z' });
    expect(future.status).toBe(200);
    const inputs = async (query: string) =>
      ((await t.client.get(`/api/cost/models?model=acme-large&${query}`, owner.auth)).body as Array<{ inputPer1M: number; effectiveFrom: string }>).map((p) => [
        p.inputPer1M,
        p.effectiveFrom,
      ]);
    expect(await inputs('source=admin')).toEqual([[3, '2026-11-15T00:00:00.000Z']]);
    expect(await inputs('at=2026-11-10T00:00:00Z')).toEqual([[2, '2026-11-01T00:00:00.000Z']]);
    expect(await inputs('at=2026-10-01T00:00:00Z')).toEqual([]);
    expect(await inputs('history=true')).toEqual([
      [5, '2026-12-01T00:00:00.000Z'],
      [3, '2026-11-15T00:00:00.000Z'],
      [2, '2026-11-01T00:00:00.000Z'],
    ]);
  });

  it('the catalogue and an admin override of the same model are listed side by side, each with its source', async () => {
    const put = await t.client.put('/api/cost/models/gemini-2.5-pro', admin.auth).send({ provider: 'google', inputPer1M: 1, outputPer1M: 9 });
    expect(put.status).toBe(200);
    const res = await t.client.get('/api/cost/models?provider=google&model=gemini-2.5-pro', owner.auth);
    const exact = (res.body as Array<{ model: string; source: string; inputPer1M: number; tiers: unknown[] }>).filter((p) => p.model === 'gemini-2.5-pro');
    expect(exact.map((p) => [p.source, p.inputPer1M, p.tiers.length])).toEqual([
      ['admin', 1, 0],
      ['catalogue', 1.25, 1],
    ]);
  });

  it('lists a peak / off-peak catalogue price as its own row with its UTC window', async () => {
    const windows = await t.sql.query(
      `select distinct model, time_of_day_start as start, time_of_day_end as "end" from model_prices where source = 'catalogue' and time_of_day_start is not null and effective_from <= $1`,
      [NOW],
    );
    expect(windows.rows.length).toBeGreaterThan(0);
    const listed: Array<{ model: string; timeOfDay: { start: string; end: string } | null }> = [];
    for (const provider of new Set(
      (await t.sql.query(`select distinct provider from model_prices where time_of_day_start is not null`)).rows.map((r) => r.provider),
    )) {
      listed.push(...(await t.client.get(`/api/cost/models?provider=${provider}&limit=500`, owner.auth)).body);
    }
    const order = (a: { model: string; start: string }, b: { model: string; start: string }) =>
      a.model.localeCompare(b.model) || a.start.localeCompare(b.start);
    const windowed = listed.filter((p) => p.timeOfDay !== null).map((p) => ({ model: p.model, start: p.timeOfDay?.start ?? '', end: p.timeOfDay?.end ?? '' }));
    expect(windowed.sort(order)).toEqual([...windows.rows].sort(order));
  });

  it('refuses bad rates and tiers with a 400 naming the field, writing nothing', async () => {
    const bad = async (body: Record<string, unknown>, field: string) => {
      const res = await t.client.put('/api/cost/models/refused-model', admin.auth).send(body);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    };
    const base = { inputPer1M: 1, outputPer1M: 2 };
    await bad({ ...base, cacheReadPer1M: -0.1 }, 'cacheReadPer1M');
    await bad({ ...base, perRequest: -1 }, 'perRequest');
    await bad({ ...base, inputPer1M: 'cheap' }, 'inputPer1M');
    await bad({ ...base, cacheWrite1hPer1M: 2 }, 'cacheWrite1hPer1M');
    await bad(
      {
        ...base,
        tiers: [
          { aboveInputTokens: 200_000, ...base },
          { aboveInputTokens: 100_000, ...base },
        ],
      },
      'tiers[1].aboveInputTokens',
    );
    await bad({ ...base, tiers: [{ aboveInputTokens: 100, inputPer1M: -1, outputPer1M: 2 }] }, 'tiers.0.inputPer1M');
    await bad({ ...base, tiers: [{ aboveInputTokens: 100, ...base, cacheReadPer1M: 0.1 }] }, 'tiers[0].cacheReadPer1M');
    await bad({ ...base, tiers: [{ aboveInputTokens: 0, ...base }] }, 'aboveInputTokens');
    await bad({ ...base, tiers: [{ aboveInputTokens: 100, ...base, discount: 1 }] }, 'discount');
    await bad({ ...base, effectiveFrom: 'tomorrow' }, 'effectiveFrom');
    expect((await t.client.get('/api/cost/models?model=refused-model&history=true', owner.auth)).body).toEqual([]);
  });

  it('refuses bad list parameters naming them', async () => {
    const bad = async (query: string, field: string) => {
      const res = await t.client.get(`/api/cost/models?${query}`, owner.auth);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    };
    await bad('history=yes', 'history');
    await bad('history=true&at=2026-11-01T00:00:00Z', 'history');
    await bad('source=owner', 'source');
    await bad('limit=0', 'limit');
    await bad('limit=501', 'limit');
    await bad('cursor=abc', 'cursor');
    await bad('model=', 'model');
  });
});
