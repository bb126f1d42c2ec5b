import { parse } from 'csv-parse/sync';
import {
  createAgent,
  createUser,
  describeAuthorizationMatrix,
  generateLlmCalls,
  insertLlmRollups,
  MatrixWorld,
  rowTime,
  TestAgent,
  TestUser,
} from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureLlmPartitions, insertLlmCalls } from './llm-call-rows';

const NOW = new Date('2026-11-10T12:00:00.000Z');
/** These calls report no token types: every type is 0. */
const NO_TYPES = {
  cacheReadInputTokens: 0,
  cacheCreationInputTokens: 0,
  cacheCreation5mInputTokens: 0,
  cacheCreation1hInputTokens: 0,
  reasoningOutputTokens: 0,
  audioInputTokens: 0,
  audioOutputTokens: 0,
  imageInputTokens: 0,
};
const NONE_UNPRICED = { requests: 0, inputTokens: 0, outputTokens: 0 };

describe('usage', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let a: TestAgent;
  let b: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    a = await createAgent(t.client, owner, { name: 'alpha' });
    b = await createAgent(t.client, owner, { name: 'beta' });
    const c = await createAgent(t.client, other, { name: 'gamma' });
    await ensureLlmPartitions(t.sql, '2026-08-31', '2026-11-11');
    await insertLlmCalls(t.sql, [
      { agentId: a.id, ts: '2026-11-02T08:00:00Z', model: 'gpt-4o', provider: 'openai', inputTokens: 100, outputTokens: 50, costUsd: 1, rateSource: 'model' },
      {
        agentId: a.id,
        ts: '2026-11-09T08:00:00Z',
        model: 'gpt-4o',
        provider: 'openai',
        inputTokens: 200,
        outputTokens: 100,
        costUsd: 2,
        rateSource: 'model',
        status: 'error',
      },
      {
        agentId: a.id,
        ts: '2026-11-10T06:00:00Z',
        model: 'claude-x',
        provider: 'anthropic',
        inputTokens: 300,
        outputTokens: 150,
        costUsd: 0.75,
        rateSource: 'client',
      },
      { agentId: b.id, ts: '2026-11-05T08:00:00Z', model: null, inputTokens: 1000, outputTokens: 0, costUsd: 0.002, rateSource: 'fallback' },
      { agentId: a.id, ts: '2026-10-25T08:00:00Z', model: 'gpt-4o', provider: 'openai', inputTokens: 10, outputTokens: 10, costUsd: 5, rateSource: 'model' },
      { agentId: a.id, ts: '2026-09-01T08:00:00Z', model: 'gpt-4o', provider: 'openai', inputTokens: 1, outputTokens: 1, costUsd: 100, rateSource: 'model' },
      { agentId: c.id, ts: '2026-11-03T08:00:00Z', model: 'gpt-4o', provider: 'openai', inputTokens: 5, outputTokens: 5, costUsd: 50, rateSource: 'client' },
    ]);
    // The 2026-09-01 call lies before raw retention: the rollup job rolled its hour up while it was
    // fresh, and all_time reads that hour from the rollup (the raw row may already be dropped).
    await insertLlmRollups(t.sql, [
      {
        agentId: a.id,
        model: 'gpt-4o',
        hour: '2026-09-01T08:00:00Z',
        count: 1,
        errors: 0,
        inputTokens: 1,
        outputTokens: 1,
        costUsd: 100,
        latencySum: 100,
        latencyMin: 100,
        latencyMax: 100,
        latencyHist: {},
      },
    ]);
    await t.client.put(`/api/agents/${a.id}/budget`, owner.auth).send({ monthlyUsd: 10, softThresholdPct: 30 });
    await t.client.put(`/api/agents/${b.id}/budget`, owner.auth).send({ monthlyUsd: 1 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('aggregates requests, tokens and cost per period with budget progress', async () => {
    const current = await t.client.get('/api/usage/aggregate', owner.auth);
    expect(current.status).toBe(200);
    expect(current.body).toEqual({
      period: 'current',
      periodStart: '2026-11-01T00:00:00.000Z',
      periodEnd: NOW.toISOString(),
      requests: 4,
      successfulRequests: 3,
      failedRequests: 1,
      inputTokens: 1600,
      outputTokens: 300,
      totalTokens: 1900,
      ...NO_TYPES,
      costUsd: 3.752,
      // The model-less call of beta was priced with the fallback rate.
      unpriced: { requests: 1, inputTokens: 1000, outputTokens: 0 },
      budget: {
        monthlyUsd: 11,
        monthToDateUsd: 3.752,
        percentUsed: 34.11,
        status: 'warning',
        agents: [
          expect.objectContaining({ agentId: a.id, monthToDateUsd: 3.75, percentUsed: 37.5, status: 'warning' }),
          expect.objectContaining({ agentId: b.id, monthToDateUsd: 0.002, percentUsed: 0.2, status: 'ok' }),
        ],
      },
    });
    expect((await t.client.get('/api/usage/aggregate?period=last_30_days', owner.auth)).body).toMatchObject({
      requests: 5,
      costUsd: 8.752,
      periodStart: '2026-10-11T12:00:00.000Z',
    });
    expect((await t.client.get('/api/usage/aggregate?period=all_time', owner.auth)).body).toMatchObject({ requests: 6, costUsd: 108.752, periodStart: null });
    expect((await t.client.get('/api/usage/aggregate?period=all_time', other.auth)).body).toMatchObject({
      requests: 1,
      costUsd: 50,
      budget: { monthlyUsd: 0, monthToDateUsd: 0, percentUsed: null, status: 'ok', agents: [] },
    });
    expect((await t.client.get('/api/usage/aggregate?period=all_time', admin.auth)).body.requests).toBe(7);
    const bad = await t.client.get('/api/usage/aggregate?period=forever', owner.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('period');
  });

  it('breaks costs down by model, agent and day, and projects the month', async () => {
    const response = await t.client.get('/api/usage/costs', owner.auth);
    expect(response.status).toBe(200);
    const body = response.body;
    expect(body.totalCostUsd).toBe(3.752);
    expect(body.byModel).toEqual([
      { model: 'gpt-4o', provider: 'openai', requests: 2, inputTokens: 300, outputTokens: 150, ...NO_TYPES, costUsd: 3, unpriced: NONE_UNPRICED },
      { model: 'claude-x', provider: 'anthropic', requests: 1, inputTokens: 300, outputTokens: 150, ...NO_TYPES, costUsd: 0.75, unpriced: NONE_UNPRICED },
      {
        model: 'Unknown model',
        provider: null,
        requests: 1,
        inputTokens: 1000,
        outputTokens: 0,
        ...NO_TYPES,
        costUsd: 0.002,
        unpriced: { requests: 1, inputTokens: 1000, outputTokens: 0 },
      },
    ]);
    expect(body.unpriced).toEqual({ requests: 1, inputTokens: 1000, outputTokens: 0 });
    expect(body.byAgent).toEqual([
      { agentId: a.id, name: 'alpha', requests: 3, totalTokens: 900, costUsd: 3.75 },
      { agentId: b.id, name: 'beta', requests: 1, totalTokens: 1000, costUsd: 0.002 },
    ]);
    const day = (date: string, requests = 0, totalTokens = 0, costUsd = 0) => ({ date, requests, totalTokens, costUsd });
    expect(body.byDay).toEqual([
      day('2026-11-01'),
      day('2026-11-02', 1, 150, 1),
      day('2026-11-03'),
      day('2026-11-04'),
      day('2026-11-05', 1, 1000, 0.002),
      day('2026-11-06'),
      day('2026-11-07'),
      day('2026-11-08'),
      day('2026-11-09', 1, 300, 2),
      day('2026-11-10', 1, 450, 0.75),
    ]);
    // 9.5 days into a 30-day month: 3.752 / 9.5 per day, times 30.
    expect(body.projection).toEqual({
      monthStart: '2026-11-01T00:00:00.000Z',
      monthEnd: '2026-11-30T23:59:59.999Z',
      daysInMonth: 30,
      daysElapsed: 9.5,
      monthToDateUsd: 3.752,
      dailyRateUsd: Number((3.752 / 9.5).toFixed(10)),
      projectedMonthUsd: Number(((3.752 / 9.5) * 30).toFixed(10)),
    });
    const last30 = await t.client.get('/api/usage/costs?period=last_30_days', owner.auth);
    expect(last30.body.byDay).toHaveLength(31);
    expect(last30.body.totalCostUsd).toBe(8.752);
    expect(last30.body.projection).toEqual(body.projection);
  });

  it('exports the period as CSV that parses back to the JSON export’s rows', async () => {
    const csv = await t.client.get('/api/usage/export?format=csv', owner.auth);
    expect(csv.status).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers['content-disposition']).toBe('attachment; filename="fleetwatch-usage-current-2026-11-10.csv"');
    const json = await t.client
      .get('/api/usage/export?format=json', owner.auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(null, text));
      });
    expect(json.headers['content-disposition']).toBe('attachment; filename="fleetwatch-usage-current-2026-11-10.json"');
    const jsonRows = JSON.parse(json.body as string) as Record<string, string | number | null>[];
    const csvRows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(csvRows).toEqual(jsonRows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v)]))));
    expect(csvRows.map((r) => [r.timestamp, r.agent_name, r.model, r.total_tokens, r.cost_usd, r.rate_source])).toEqual([
      ['2026-11-02T08:00:00.000Z', 'alpha', 'gpt-4o', '150', '1', 'model'],
      ['2026-11-05T08:00:00.000Z', 'beta', '', '1000', '0.002', 'fallback'],
      ['2026-11-09T08:00:00.000Z', 'alpha', 'gpt-4o', '300', '2', 'model'],
      ['2026-11-10T06:00:00.000Z', 'alpha', 'claude-x', '450', '0.75', 'client'],
    ]);
    const all = await t.client.get('/api/usage/export?format=csv&period=all_time', admin.auth);
    expect(parse(all.text, { columns: true })).toHaveLength(7);
    const bad = await t.client.get('/api/usage/export?format=xml', owner.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('format');
  });

  it('pages LLM calls newest first', async () => {
    const first = await t.client.get('/api/usage/requests?page=1&per_page=2', owner.auth);
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ page: 1, per_page: 2, total: 6, total_pages: 3 });
    expect(first.body.requests.map((r: { timestamp: string }) => r.timestamp)).toEqual(['2026-11-10T06:00:00.000Z', '2026-11-09T08:00:00.000Z']);
    expect(first.body.requests[0]).toEqual({
      id: expect.any(String),
      timestamp: '2026-11-10T06:00:00.000Z',
      agentId: a.id,
      agentName: 'alpha',
      model: 'claude-x',
      responseModel: null,
      provider: 'anthropic',
      inputTokens: 300,
      outputTokens: 150,
      ...NO_TYPES,
      latencyMs: 100,
      status: 'success',
      errorType: null,
      costUsd: 0.75,
      rateSource: 'client',
      priceSource: null,
      priceVersion: null,
      traceId: null,
    });
    const last = await t.client.get('/api/usage/requests?page=3&per_page=2', owner.auth);
    expect(last.body.requests.map((r: { timestamp: string }) => r.timestamp)).toEqual(['2026-10-25T08:00:00.000Z', '2026-09-01T08:00:00.000Z']);
    const bad = await t.client.get('/api/usage/requests?per_page=501', owner.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('per_page');
  });

  it('streams exports across keyset batches without losing or repeating rows', async () => {
    // 2,500 calls within 3 ms, microseconds apart (finer than a JS Date): the (ts, id) keyset must still page them exactly once.
    await generateLlmCalls(t.sql, 2500, {
      agentId: b.id,
      model: 'bulk',
      inputTokens: 1,
      outputTokens: 1,
      latencyMs: 1,
      status: 'success',
      costUsd: 0.001,
      rateSource: 'model',
      ts: rowTime('2026-11-10T07:00:00Z', { every: '1 millisecond', mod: 3 }, { every: '1 microsecond', mod: 5 }),
    });
    const stored = await t.sql.query(
      `select l.id::text as id from llm_calls l join agents a on a.id = l.agent_id where a.owner_id = $1 and l.ts >= '2026-11-01' order by l.ts, l.id`,
      [owner.id],
    );
    const csv = await t.client.get('/api/usage/export?format=csv&period=current', owner.auth);
    const rows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2504);
    expect(new Set(rows.map((r) => r.id)).size).toBe(2504);
    expect(rows.map((r) => r.id)).toEqual(stored.rows.map((r) => r.id));
    expect(rows.filter((r) => r.model === 'bulk')).toHaveLength(2500);
  });

  const read = { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 };
  describeAuthorizationMatrix(
    'usage',
    (): MatrixWorld => ({ client: t.client, owner, otherUser: other, admin, fixtures: {} }),
    ['aggregate', 'costs', 'export', 'requests'].map((name) => ({
      route: `GET /api/usage/${name}`,
      method: 'get' as const,
      path: () => `/api/usage/${name}`,
      scope: 'monitoring:read' as const,
      expect: read,
    })),
  );
});
