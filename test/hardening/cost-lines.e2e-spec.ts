import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-20T12:00:00.000Z';
const RANGE = { from: '2026-11-01T00:00:00Z', to: '2026-11-20T00:00:00Z' };

const NO_COSTS = {
  input: 0,
  output: 0,
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
};

/** The Anthropic cache case: 1,000 plain input, 6,000 cache reads, 2,000 5-minute and 1,000 1-hour cache writes, 500 output. */
const CACHED_CALL = {
  model: 'claude-sonnet-4-5',
  provider: 'anthropic',
  inputTokens: 10_000,
  cacheReadInputTokens: 6_000,
  cacheCreationInputTokens: 3_000,
  cacheCreation5mInputTokens: 2_000,
  cacheCreation1hInputTokens: 1_000,
  outputTokens: 500,
  timestamp: '2026-11-10T00:00:00Z',
};

describe('per-type cost lines: stored at ingest, rewritten by reprice, adding up to the stored cost', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
  });
  afterAll(async () => {
    await t.close();
  });

  const ingest = async (agent: TestAgent, calls: Array<Record<string, unknown>>) => {
    const res = await t.client
      .post('/api/ingest', owner.auth)
      .send({ llmCalls: calls.map((c) => ({ agentId: agent.id, latencyMs: 100, status: 'success', ...c })) });
    expect(res.status).toBe(202);
  };
  const stored = async (agent: TestAgent) =>
    (
      await t.sql.query(
        `select cost_usd::text as cost, cost_lines, price_source,
           (select sum(value::numeric) from jsonb_each_text(cost_lines)) = cost_usd as parts_add_up
         from llm_calls where agent_id = $1 order by ts`,
        [agent.id],
      )
    ).rows;
  const costsByType = async (agent: TestAgent) => {
    const res = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-11-01&period_end=2026-11-20`, owner.auth);
    expect(res.status).toBe(200);
    return res.body.cost_details.tokens.models.map((m: { price_source: string; token_cost: number; costs_by_type: unknown }) => [
      m.price_source,
      m.token_cost,
      m.costs_by_type,
    ]);
  };
  const putOwnerPrice = async (model: string, body: Record<string, unknown>) => {
    const res = await t.client.put(`/api/cost/my-prices/${model}`, owner.auth).send({ effectiveFrom: '2026-11-01T00:00:00Z', ...body });
    expect(res.status).toBe(200);
  };

  it('reprice rewrites the lines with the cost: they follow the new price', async () => {
    const agent = await createAgent(t.client, owner);
    await ingest(agent, [CACHED_CALL]);
    expect(await stored(agent)).toEqual([
      {
        cost: '0.0258000000',
        cost_lines: { input: '0.003', cacheRead: '0.0018', cacheWrite5m: '0.0075', cacheWrite1h: '0.006', output: '0.0075' },
        price_source: 'catalogue',
        parts_add_up: true,
      },
    ]);

    await putOwnerPrice('claude-sonnet-4-5', {
      provider: 'anthropic',
      inputPer1M: 2,
      outputPer1M: 10,
      cacheReadPer1M: 0.2,
      cacheWrite5mPer1M: 2.5,
      cacheWrite1hPer1M: 4,
    });
    const reprice = await t.client.post('/api/cost/my-prices/reprice', owner.auth).send(RANGE);
    expect(reprice.status).toBe(200);
    // New: 1,000 × 2 + 6,000 × 0.2 + 2,000 × 2.5 + 1,000 × 4 + 500 × 10 per 1M = 0.0172 (was 0.0258).
    expect(reprice.body).toEqual({ scanned: 1, changed: 1, costDelta: -0.0086 });
    expect(await stored(agent)).toEqual([
      {
        cost: '0.0172000000',
        cost_lines: { input: '0.002', cacheRead: '0.0012', cacheWrite5m: '0.005', cacheWrite1h: '0.004', output: '0.005' },
        price_source: 'owner',
        parts_add_up: true,
      },
    ]);
    expect(await costsByType(agent)).toEqual([
      ['owner', 0.0172, { ...NO_COSTS, input: 0.002, cache_read: 0.0012, cache_write_5m: 0.005, cache_write_1h: 0.004, output: 0.005 }],
    ]);
  });

  it('a call stored without lines has no split until a reprice fills it in, without counting it as changed', async () => {
    const agent = await createAgent(t.client, owner);
    await ingest(agent, [
      { ...CACHED_CALL, model: 'o4-mini', provider: 'openai', cacheCreationInputTokens: 0, cacheCreation5mInputTokens: 0, cacheCreation1hInputTokens: 0 },
    ]);
    const [before] = await stored(agent);
    // As a call stored before the cost_lines column existed.
    await t.sql.query(`update llm_calls set cost_lines = null where agent_id = $1`, [agent.id]);
    // o4-mini: 4,000 × 1.1 + 6,000 × 0.275 + 500 × 4.4 per 1M.
    expect(before.cost).toBe('0.0082500000');
    expect(await costsByType(agent)).toEqual([['catalogue', 0.00825, null]]);

    const reprice = await t.client.post('/api/cost/my-prices/reprice', owner.auth).send(RANGE);
    // Scanned: this call and the owner's call of the first test (already repriced, lines present, left alone).
    expect(reprice.body).toEqual({ scanned: 2, changed: 0, costDelta: 0 });
    expect(await stored(agent)).toEqual([before]);
    expect(await costsByType(agent)).toEqual([['catalogue', 0.00825, { ...NO_COSTS, input: 0.0044, cache_read: 0.00165, output: 0.0022 }]]);
  });

  it('parts rounded to 10 places add up to the stored cost exactly: the remainder goes onto the largest part', async () => {
    const agent = await createAgent(t.client, owner);
    await putOwnerPrice('odd-model', { provider: 'acme', inputPer1M: 0.07525, outputPer1M: 0.07525, cacheReadPer1M: 0.00014 });
    await ingest(agent, [
      { model: 'odd-model', provider: 'acme', inputTokens: 10, cacheReadInputTokens: 3, outputTokens: 3, timestamp: '2026-11-11T00:00:00Z' },
    ]);
    // Exact: input 7 × 0.07525 = 0.00000052675, cache read 3 × 0.00014 = 0.00000000042, output 3 × 0.07525 = 0.00000022575 (per 1M);
    // Σ = 0.00000075292, stored 0.0000007529. Rounded alone the parts would be 0.0000005268 + 0.0000000004 + 0.0000002258 = 0.0000007530;
    // the −1e-10 remainder goes onto input, the largest.
    expect(await stored(agent)).toEqual([
      {
        cost: '0.0000007529',
        cost_lines: { input: '0.0000005267', cacheRead: '0.0000000004', output: '0.0000002258' },
        price_source: 'owner',
        parts_add_up: true,
      },
    ]);
    expect(await costsByType(agent)).toEqual([['owner', 0.0000007529, { ...NO_COSTS, input: 0.0000005267, cache_read: 0.0000000004, output: 0.0000002258 }]]);
  });

  it('a per-request fee is a part of its own', async () => {
    const agent = await createAgent(t.client, owner);
    await putOwnerPrice('fee-model', { provider: 'acme', inputPer1M: 1, outputPer1M: 2, perRequest: 0.001 });
    await ingest(agent, [{ model: 'fee-model', provider: 'acme', inputTokens: 1_000, outputTokens: 1_000, timestamp: '2026-11-11T00:00:00Z' }]);
    expect(await stored(agent)).toEqual([
      { cost: '0.0040000000', cost_lines: { input: '0.001', output: '0.002', request: '0.001' }, price_source: 'owner', parts_add_up: true },
    ]);
    expect(await costsByType(agent)).toEqual([['owner', 0.004, { ...NO_COSTS, input: 0.001, output: 0.002, request: 0.001 }]]);
  });
});
