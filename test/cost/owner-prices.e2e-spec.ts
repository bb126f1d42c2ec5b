import { createAgent, createUser, describeAuthorizationMatrix, MatrixWorld, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-20T12:00:00.000Z';
const RANGE = { from: '2026-11-01T00:00:00Z', to: '2026-11-20T12:00:00Z' };

/** USD in units of 1e-10 for lines of [billed tokens, USD per 1M] (rates have at most 4 decimals). */
const units = (...lines: Array<[number, number]>): number => lines.reduce((s, [tokens, rate]) => s + tokens * Math.round(rate * 1e4), 0);
const usd = (u: number): number => u / 1e10;

describe('owner prices: precedence, listing, deletion and repricing', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let mine: TestAgent;
  let theirs: TestAgent;

  // gpt-4o, 10,000 input of which 2,000 cached, 1,000 output: billed input 8,000.
  const call = (agent: TestAgent, timestamp: string) => ({
    agentId: agent.id,
    model: 'gpt-4o',
    provider: 'openai',
    inputTokens: 10_000,
    cacheReadInputTokens: 2_000,
    outputTokens: 1_000,
    latencyMs: 100,
    status: 'success',
    timestamp,
  });
  const CATALOGUE = units([8_000, 2.5], [2_000, 1.25], [1_000, 10]);
  const ADMIN = units([8_000, 2], [2_000, 1], [1_000, 8]);
  const OWNER = units([8_000, 1], [2_000, 0.5], [1_000, 4]);

  const costs = async (agent: TestAgent) =>
    (await t.sql.query(`select cost_usd::text as cost, price_source from llm_calls where agent_id = $1 order by ts`, [agent.id])).rows.map((r) => [
      Number(r.cost),
      r.price_source,
    ]);

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    mine = await createAgent(t.client, owner);
    theirs = await createAgent(t.client, other);
    expect((await t.client.post('/api/ingest', owner.auth).send({ llmCalls: [call(mine, '2026-11-10T00:00:00Z')] })).status).toBe(202);
    expect((await t.client.post('/api/ingest', other.auth).send({ llmCalls: [call(theirs, '2026-11-10T00:00:00Z')] })).status).toBe(202);
  });
  afterAll(async () => {
    await t.close();
  });

  it('starts on the catalogue price', async () => {
    expect(await costs(mine)).toEqual([[usd(CATALOGUE), 'catalogue']]);
    expect(await costs(theirs)).toEqual([[usd(CATALOGUE), 'catalogue']]);
  });

  it('an admin override, repriced, moves everyone’s calls to it', async () => {
    const put = await t.client
      .put('/api/cost/models/gpt-4o', admin.auth)
      .send({ provider: 'openai', inputPer1M: 2, outputPer1M: 8, cacheReadPer1M: 1, effectiveFrom: '2026-11-01T00:00:00Z' });
    expect(put.status).toBe(200);
    const reprice = await t.client.post('/api/admin/cost/reprice', admin.auth).send(RANGE);
    expect(reprice.body).toEqual({ scanned: 2, changed: 2, costDelta: usd(2 * (ADMIN - CATALOGUE)) });
    expect(await costs(mine)).toEqual([[usd(ADMIN), 'admin']]);
    expect(await costs(theirs)).toEqual([[usd(ADMIN), 'admin']]);
  });

  it('an owner price wins for that owner’s agents only, at ingest and when the owner reprices', async () => {
    const put = await t.client
      .put('/api/cost/my-prices/gpt-4o', owner.auth)
      .send({ provider: 'openai', inputPer1M: 1, outputPer1M: 4, cacheReadPer1M: 0.5, effectiveFrom: '2026-11-01T00:00:00Z' });
    expect(put.status).toBe(200);
    expect(put.body).toMatchObject({
      model: 'gpt-4o',
      provider: 'openai',
      inputPer1M: 1,
      outputPer1M: 4,
      cacheReadPer1M: 0.5,
      source: 'owner',
      catalogueVersion: null,
    });

    const reprice = await t.client.post('/api/cost/my-prices/reprice', owner.auth).send(RANGE);
    expect(reprice.body).toEqual({ scanned: 1, changed: 1, costDelta: usd(OWNER - ADMIN) });
    expect(await costs(mine)).toEqual([[usd(OWNER), 'owner']]);
    expect(await costs(theirs)).toEqual([[usd(ADMIN), 'admin']]);

    // New calls are priced the same way at ingest.
    expect((await t.client.post('/api/ingest', owner.auth).send({ llmCalls: [call(mine, '2026-11-12T00:00:00Z')] })).status).toBe(202);
    expect((await t.client.post('/api/ingest', other.auth).send({ llmCalls: [call(theirs, '2026-11-12T00:00:00Z')] })).status).toBe(202);
    expect(await costs(mine)).toEqual([
      [usd(OWNER), 'owner'],
      [usd(OWNER), 'owner'],
    ]);
    expect(await costs(theirs)).toEqual([
      [usd(ADMIN), 'admin'],
      [usd(ADMIN), 'admin'],
    ]);

    const agentCost = await t.client.get(`/api/agents/${mine.id}/cost?period_start=2026-11-01&period_end=2026-11-20`, owner.auth);
    expect(agentCost.body.cost_details.tokens.models).toMatchObject([
      {
        model: 'gpt-4o',
        calls: 2,
        cache_read_input_tokens: 4_000,
        rate_source: 'model',
        price_source: 'owner',
        price_version: null,
        token_cost: usd(2 * OWNER),
      },
    ]);
    const theirCost = await t.client.get(`/api/agents/${theirs.id}/cost?period_start=2026-11-01&period_end=2026-11-20`, other.auth);
    expect(theirCost.body.cost_details.tokens.models).toMatchObject([{ model: 'gpt-4o', calls: 2, price_source: 'admin', token_cost: usd(2 * ADMIN) }]);
  });

  it('lists an owner’s prices to that owner only; the public table never shows them', async () => {
    const list = await t.client.get('/api/cost/my-prices', owner.auth);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([expect.objectContaining({ model: 'gpt-4o', source: 'owner', inputPer1M: 1, effectiveFrom: '2026-11-01T00:00:00.000Z' })]);
    expect((await t.client.get('/api/cost/my-prices', other.auth)).body).toEqual([]);
    expect((await t.client.get('/api/cost/my-prices', admin.auth)).body).toEqual([]);
    const table = await t.client.get('/api/cost/models?model=gpt-4o&history=true&limit=500', admin.auth);
    expect(table.body.filter((p: { source: string }) => p.source === 'owner')).toEqual([]);
    expect(table.body.filter((p: { source: string; model: string }) => p.source === 'admin' && p.model === 'gpt-4o')).toHaveLength(1);
  });

  it('deleting the owner price and repricing brings the owner’s calls back to the admin price', async () => {
    const del = await t.client.delete('/api/cost/my-prices/GPT-4O', owner.auth);
    expect(del.status).toBe(204);
    const reprice = await t.client.post('/api/cost/my-prices/reprice', owner.auth).send({ ...RANGE, model: 'gpt-4o' });
    expect(reprice.body).toEqual({ scanned: 2, changed: 2, costDelta: usd(2 * (ADMIN - OWNER)) });
    expect(await costs(mine)).toEqual([
      [usd(ADMIN), 'admin'],
      [usd(ADMIN), 'admin'],
    ]);
    const again = await t.client.delete('/api/cost/my-prices/gpt-4o', owner.auth);
    expect(again.status).toBe(404);
    expect(again.body.message).toContain('gpt-4o');
  });

  it('an admin’s own price is an owner price for the admin’s agents, not an override for everyone', async () => {
    const adminAgent = await createAgent(t.client, admin);
    const put = await t.client
      .put('/api/cost/my-prices/gpt-4o', admin.auth)
      .send({ provider: 'openai', inputPer1M: 0.5, outputPer1M: 1, effectiveFrom: '2026-11-01T00:00:00Z' });
    expect(put.body).toMatchObject({ source: 'owner', inputPer1M: 0.5 });
    const ingest = await t.client
      .post('/api/ingest', admin.auth)
      .send({ llmCalls: [call(adminAgent, '2026-11-13T00:00:00Z'), call(mine, '2026-11-13T00:00:00Z')] });
    expect(ingest.status).toBe(202);
    // No cache-read rate of its own: the 2,000 cached tokens are billed as input.
    expect(await costs(adminAgent)).toEqual([[usd(units([10_000, 0.5], [1_000, 1])), 'owner']]);
    expect((await costs(mine)).at(-1)).toEqual([usd(ADMIN), 'admin']);
    expect((await t.client.delete('/api/cost/my-prices/gpt-4o', admin.auth)).status).toBe(204);
  });

  it('validates the body and the range, naming the field', async () => {
    const negative = await t.client.put('/api/cost/my-prices/gpt-4o', owner.auth).send({ inputPer1M: 1, outputPer1M: 2, reasoningPer1M: -1 });
    expect(negative.status).toBe(400);
    expect(JSON.stringify(negative.body.message)).toContain('reasoningPer1M');
    const missing = await t.client.put('/api/cost/my-prices/gpt-4o', owner.auth).send({ inputPer1M: 1 });
    expect(missing.status).toBe(400);
    expect(JSON.stringify(missing.body.message)).toContain('outputPer1M');
    const reversed = await t.client.post('/api/cost/my-prices/reprice', owner.auth).send({ from: RANGE.to, to: RANGE.from });
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toContain('to must be after from');
    const noFrom = await t.client.post('/api/cost/my-prices/reprice', owner.auth).send({ to: RANGE.to });
    expect(noFrom.status).toBe(400);
    expect(JSON.stringify(noFrom.body.message)).toContain('from');
    const badQuery = await t.client.get('/api/cost/my-prices?at=soon', owner.auth);
    expect(badQuery.status).toBe(400);
    expect(JSON.stringify(badQuery.body.message)).toContain('at');
    // Nothing was written by the refused calls.
    expect((await t.client.get('/api/cost/my-prices', owner.auth)).body).toEqual([]);
  });

  const body = { inputPer1M: 1, outputPer1M: 1, effectiveFrom: '2026-01-01T00:00:00Z' };
  describeAuthorizationMatrix('owner prices', (): MatrixWorld => ({ client: t.client, owner, otherUser: other, admin, fixtures: {} }), [
    {
      route: 'GET /api/cost/my-prices',
      method: 'get',
      scope: 'monitoring:read',
      path: () => '/api/cost/my-prices',
      expect: { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
    {
      route: 'PUT /api/cost/my-prices/:model',
      method: 'put',
      scope: 'agents:write',
      path: () => '/api/cost/my-prices/matrix-model',
      body: () => body,
      expect: { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
    {
      // The owner's price is theirs alone: neither another user nor an admin can delete it.
      route: 'DELETE /api/cost/my-prices/:model',
      method: 'delete',
      scope: 'agents:write',
      prepare: async (w) => {
        const res = await w.client.put('/api/cost/my-prices/matrix-delete', w.owner.auth).send(body);
        if (res.status !== 200) throw new Error(`prepare: ${res.status}`);
        return {};
      },
      path: () => '/api/cost/my-prices/matrix-delete',
      expect: { anonymous: 401, owner: 204, otherUser: 404, admin: 404, wrongScopeKey: 403, rightScopeKey: 204 },
    },
    {
      route: 'POST /api/cost/my-prices/reprice',
      method: 'post',
      scope: 'agents:write',
      path: () => '/api/cost/my-prices/reprice',
      body: () => ({ from: '2026-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }),
      expect: { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
  ]);
});
