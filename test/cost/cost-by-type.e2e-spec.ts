import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-20T12:00:00.000Z';

/**
 * USD for lines of [billed tokens, USD per 1M]: rates have at most 4 decimals, so the sum is an
 * integer count of 1e-10 USD and one division gives the same double as the stored decimal.
 */
const usd = (...lines: Array<[number, number]>): number => lines.reduce((s, [tokens, rate]) => s + tokens * Math.round(rate * 1e4), 0) / 1e10;

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

/** costs_by_type with every type at 0: each test sets the types its calls were billed for. */
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

describe('cost by token type, priced from the catalogue at ingest', () => {
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

  const ingest = async (agent: TestAgent, calls: Array<Record<string, unknown>>) => {
    const res = await t.client
      .post('/api/ingest', owner.auth)
      .send({ llmCalls: calls.map((c) => ({ agentId: agent.id, latencyMs: 100, status: 'success', ...c })) });
    expect(res.status).toBe(202);
  };
  const stored = async (agent: TestAgent) =>
    (
      await t.sql.query(
        `select model, response_model, provider, cost_usd::text as cost, rate_source, price_source, price_version from llm_calls where agent_id = $1 order by ts`,
        [agent.id],
      )
    ).rows.map((r) => ({ ...r, cost: Number(r.cost) }));
  /** The per-type split each call stored, exactly as stored (decimal strings). */
  const storedLines = async (agent: TestAgent) =>
    (await t.sql.query(`select cost_lines from llm_calls where agent_id = $1 order by ts`, [agent.id])).rows.map((r) => r.cost_lines);
  const agentCost = async (agent: TestAgent) => {
    const res = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-11-01&period_end=2026-11-20`, owner.auth);
    expect(res.status).toBe(200);
    return res.body;
  };

  it('Anthropic: cache reads, 5-minute and 1-hour cache writes, each at its own rate', async () => {
    const agent = await createAgent(t.client, owner);
    await ingest(agent, [
      {
        model: 'claude-sonnet-4-5',
        provider: 'anthropic',
        inputTokens: 10_000,
        cacheReadInputTokens: 6_000,
        cacheCreationInputTokens: 3_000,
        cacheCreation5mInputTokens: 2_000,
        cacheCreation1hInputTokens: 1_000,
        outputTokens: 500,
        timestamp: '2026-11-10T00:00:00Z',
      },
    ]);
    // claude-sonnet-4-5: input 3, output 15, cache read 0.3, 5m write 3.75, 1h write 6; billed input = 10,000 − 6,000 − 3,000.
    const expected = usd([1_000, 3], [6_000, 0.3], [2_000, 3.75], [1_000, 6], [500, 15]);
    expect(expected).toBe(0.0258);
    expect(await stored(agent)).toEqual([
      {
        model: 'claude-sonnet-4-5',
        response_model: null,
        provider: 'anthropic',
        cost: expected,
        rate_source: 'model',
        price_source: 'catalogue',
        price_version: '0.1.8',
      },
    ]);
    const cost = await agentCost(agent);
    expect(cost).toMatchObject({ token_cost: expected, total_cost: expected, input_tokens: 10_000, output_tokens: 500, total_tokens: 10_500 });
    expect(cost.cost_details.tokens.models).toEqual([
      {
        model: 'claude-sonnet-4-5',
        provider: 'anthropic',
        input_tokens: 10_000,
        output_tokens: 500,
        total_tokens: 10_500,
        calls: 1,
        ...NO_TYPES,
        cache_read_input_tokens: 6_000,
        cache_creation_input_tokens: 3_000,
        cache_creation_5m_input_tokens: 2_000,
        cache_creation_1h_input_tokens: 1_000,
        rate_source: 'model',
        price_source: 'catalogue',
        price_version: '0.1.8',
        token_cost: expected,
        // 1,000 × 3, 6,000 × 0.3, 2,000 × 3.75, 1,000 × 6 and 500 × 15 per 1M.
        costs_by_type: { ...NO_COSTS, input: 0.003, cache_read: 0.0018, cache_write_5m: 0.0075, cache_write_1h: 0.006, output: 0.0075 },
      },
    ]);
    expect(await storedLines(agent)).toEqual([{ input: '0.003', cacheRead: '0.0018', cacheWrite5m: '0.0075', cacheWrite1h: '0.006', output: '0.0075' }]);
    expect(cost.cost_details.tokens.unpriced).toEqual({ calls: 0, input_tokens: 0, output_tokens: 0, models: [] });
  });

  it('audio and image tokens each at their own rate, and reasoning where a model prices it apart', async () => {
    const agent = await createAgent(t.client, owner);
    await ingest(agent, [
      {
        model: 'gpt-realtime',
        provider: 'openai',
        inputTokens: 10_000,
        cacheReadInputTokens: 2_000,
        audioInputTokens: 3_000,
        imageInputTokens: 1_000,
        outputTokens: 2_000,
        audioOutputTokens: 500,
        timestamp: '2026-11-10T00:00:00Z',
      },
      {
        model: 'sonar-deep-research',
        provider: 'perplexity',
        inputTokens: 1_000,
        outputTokens: 4_000,
        reasoningOutputTokens: 3_000,
        timestamp: '2026-11-10T00:01:00Z',
      },
    ]);
    // gpt-realtime: input 4, cached 0.4, audio in 32, image in 5, output 16, audio out 64 per 1M; text input = 10,000 − 2,000 − 3,000 − 1,000.
    const realtime = usd([4_000, 4], [2_000, 0.4], [3_000, 32], [1_000, 5], [1_500, 16], [500, 64]);
    expect(realtime).toBe(0.1738);
    // sonar-deep-research: input 2, output 8, reasoning 3 per 1M; text output = 4,000 − 3,000.
    const sonar = usd([1_000, 2], [1_000, 8], [3_000, 3]);
    expect(sonar).toBe(0.019);
    const cost = await agentCost(agent);
    expect(cost.token_cost).toBe(realtime + sonar);
    expect(cost.cost_details.tokens.models).toEqual([
      {
        model: 'gpt-realtime',
        provider: 'openai',
        input_tokens: 10_000,
        output_tokens: 2_000,
        total_tokens: 12_000,
        calls: 1,
        ...NO_TYPES,
        cache_read_input_tokens: 2_000,
        audio_input_tokens: 3_000,
        image_input_tokens: 1_000,
        audio_output_tokens: 500,
        rate_source: 'model',
        price_source: 'catalogue',
        price_version: '0.1.8',
        token_cost: realtime,
        costs_by_type: { ...NO_COSTS, input: 0.016, cache_read: 0.0008, audio_input: 0.096, image_input: 0.005, output: 0.024, audio_output: 0.032 },
      },
      {
        model: 'sonar-deep-research',
        provider: 'perplexity',
        input_tokens: 1_000,
        output_tokens: 4_000,
        total_tokens: 5_000,
        calls: 1,
        ...NO_TYPES,
        reasoning_output_tokens: 3_000,
        rate_source: 'model',
        price_source: 'catalogue',
        price_version: '0.1.8',
        token_cost: sonar,
        costs_by_type: { ...NO_COSTS, input: 0.002, output: 0.008, reasoning: 0.009 },
      },
    ]);
    expect(await storedLines(agent)).toEqual([
      { input: '0.016', cacheRead: '0.0008', audioInput: '0.096', imageInput: '0.005', output: '0.024', audioOutput: '0.032' },
      { input: '0.002', output: '0.008', reasoning: '0.009' },
    ]);
  });

  it('OpenAI: cached input at its rate, reasoning billed as output', async () => {
    const agent = await createAgent(t.client, owner);
    await ingest(agent, [
      {
        model: 'o4-mini',
        provider: 'openai',
        inputTokens: 20_000,
        cacheReadInputTokens: 15_000,
        outputTokens: 3_000,
        reasoningOutputTokens: 2_000,
        timestamp: '2026-11-10T00:00:00Z',
      },
    ]);
    // o4-mini: input 1.1, cached input 0.275, output 4.4; reasoning has no rate of its own, so it stays in output.
    const expected = usd([5_000, 1.1], [15_000, 0.275], [3_000, 4.4]);
    expect(expected).toBe(0.022825);
    const cost = await agentCost(agent);
    expect(cost.token_cost).toBe(expected);
    expect(cost.cost_details.tokens.models[0]).toMatchObject({ cache_read_input_tokens: 15_000, reasoning_output_tokens: 2_000, price_source: 'catalogue' });
    // 5,000 × 1.1, 15,000 × 0.275 and 3,000 × 4.4 per 1M: the reasoning tokens are in the output part, none of their own.
    expect(cost.cost_details.tokens.models[0].costs_by_type).toEqual({ ...NO_COSTS, input: 0.0055, cache_read: 0.004125, output: 0.0132 });
    expect(await storedLines(agent)).toEqual([{ input: '0.0055', cacheRead: '0.004125', output: '0.0132' }]);
  });

  it('Gemini: a call above 200k input is billed entirely at the long-context tier', async () => {
    const agent = await createAgent(t.client, owner);
    await ingest(agent, [
      {
        model: 'gemini-2.5-pro',
        provider: 'google',
        inputTokens: 250_000,
        cacheReadInputTokens: 50_000,
        outputTokens: 1_000,
        timestamp: '2026-11-10T00:00:00Z',
      },
      { model: 'gemini-2.5-pro', provider: 'google', inputTokens: 100_000, outputTokens: 1_000, timestamp: '2026-11-10T00:01:00Z' },
    ]);
    // gemini-2.5-pro: 1.25 / 10 / cached 0.125; above 200,000 input 2.5 / 15 / cached 0.25.
    const above = usd([200_000, 2.5], [50_000, 0.25], [1_000, 15]);
    const below = usd([100_000, 1.25], [1_000, 10]);
    expect([above, below]).toEqual([0.5275, 0.135]);
    expect((await stored(agent)).map((r) => r.cost)).toEqual([above, below]);
    const cost = await agentCost(agent);
    expect(cost.token_cost).toBe(usd([200_000, 2.5], [50_000, 0.25], [1_000, 15], [100_000, 1.25], [1_000, 10]));
    // Each call's parts at its own tier, summed: input 200,000 × 2.5 + 100,000 × 1.25, output 1,000 × 15 + 1,000 × 10.
    expect(cost.cost_details.tokens.models[0].costs_by_type).toEqual({
      ...NO_COSTS,
      input: usd([200_000, 2.5], [100_000, 1.25]),
      cache_read: usd([50_000, 0.25]),
      output: usd([1_000, 15], [1_000, 10]),
    });
    expect(usd([200_000, 2.5], [100_000, 1.25])).toBe(0.625);
  });

  it('a dated snapshot reported as responseModel is priced as its model', async () => {
    const agent = await createAgent(t.client, owner);
    await ingest(agent, [
      {
        model: 'gpt-4o-mini',
        responseModel: 'gpt-4o-mini-2024-07-18',
        provider: 'openai',
        inputTokens: 1_000,
        cacheReadInputTokens: 400,
        outputTokens: 100,
        timestamp: '2026-11-10T00:00:00Z',
      },
      { model: 'gpt-4o-mini-2024-07-18', inputTokens: 1_000, outputTokens: 100, timestamp: '2026-11-10T00:01:00Z' },
    ]);
    // gpt-4o-mini: 0.15 / 0.6 / cached 0.075 (not the $0.002 per 1k fallback).
    expect(await stored(agent)).toEqual([
      {
        model: 'gpt-4o-mini',
        response_model: 'gpt-4o-mini-2024-07-18',
        provider: 'openai',
        cost: usd([600, 0.15], [400, 0.075], [100, 0.6]),
        rate_source: 'model',
        price_source: 'catalogue',
        price_version: '0.1.8',
      },
      {
        model: 'gpt-4o-mini-2024-07-18',
        response_model: null,
        provider: 'openai',
        cost: usd([1_000, 0.15], [100, 0.6]),
        rate_source: 'model',
        price_source: 'catalogue',
        price_version: '0.1.8',
      },
    ]);
  });

  it('a price change in the middle of the period: calls on each side use their version', async () => {
    const agent = await createAgent(t.client, owner);
    const put = await t.client
      .put('/api/cost/models/claude-sonnet-4-5', admin.auth)
      .send({ provider: 'anthropic', inputPer1M: 2, outputPer1M: 10, cacheReadPer1M: 0.2, effectiveFrom: '2026-11-15T00:00:00Z' });
    expect(put.status).toBe(200);
    const usage = { model: 'claude-sonnet-4-5', provider: 'anthropic', inputTokens: 4_000, cacheReadInputTokens: 1_000, outputTokens: 200 };
    await ingest(agent, [
      { ...usage, timestamp: '2026-11-14T23:59:59Z' },
      { ...usage, timestamp: '2026-11-15T00:00:00Z' },
    ]);
    const catalogue = usd([3_000, 3], [1_000, 0.3], [200, 15]);
    const override = usd([3_000, 2], [1_000, 0.2], [200, 10]);
    expect((await stored(agent)).map((r) => [r.cost, r.price_source, r.price_version])).toEqual([
      [catalogue, 'catalogue', '0.1.8'],
      [override, 'admin', null],
    ]);
    const rows = (await agentCost(agent)).cost_details.tokens.models;
    expect(rows.map((r: { price_source: string; calls: number; token_cost: number }) => [r.price_source, r.calls, r.token_cost])).toEqual([
      ['catalogue', 1, catalogue],
      ['admin', 1, override],
    ]);
  });

  it('a client-supplied cost wins; an unknown model is priced with the fallback and counted as unpriced', async () => {
    const agent = await createAgent(t.client, owner);
    await ingest(agent, [
      {
        model: 'claude-sonnet-4-5',
        provider: 'anthropic',
        inputTokens: 5_000,
        cacheReadInputTokens: 4_000,
        outputTokens: 100,
        costUsd: 0.5,
        timestamp: '2026-11-10T00:00:00Z',
      },
      { model: 'my-local-model', inputTokens: 1_200, outputTokens: 300, timestamp: '2026-11-10T00:01:00Z' },
      { model: 'my-local-model', inputTokens: 800, outputTokens: 200, timestamp: '2026-11-10T00:02:00Z' },
      { model: 'other-local-model', inputTokens: 10, outputTokens: 0, timestamp: '2026-11-10T00:03:00Z' },
    ]);
    const cost = await agentCost(agent);
    const fallback = (0.002 * (1_200 + 300 + 800 + 200 + 10)) / 1000;
    expect(cost.token_cost).toBe(0.5 + fallback);
    expect(cost.cost_details.tokens.models).toEqual([
      {
        model: 'claude-sonnet-4-5',
        provider: 'anthropic',
        input_tokens: 5_000,
        output_tokens: 100,
        total_tokens: 5_100,
        calls: 1,
        ...NO_TYPES,
        cache_read_input_tokens: 4_000,
        rate_source: 'client',
        price_source: null,
        price_version: null,
        token_cost: 0.5,
        costs_by_type: null,
      },
      {
        model: 'my-local-model',
        provider: null,
        input_tokens: 2_000,
        output_tokens: 500,
        total_tokens: 2_500,
        calls: 2,
        ...NO_TYPES,
        rate_source: 'fallback',
        price_source: null,
        price_version: null,
        token_cost: (0.002 * 2_500) / 1000,
        costs_by_type: null,
      },
      {
        model: 'other-local-model',
        provider: null,
        input_tokens: 10,
        output_tokens: 0,
        total_tokens: 10,
        calls: 1,
        ...NO_TYPES,
        rate_source: 'fallback',
        price_source: null,
        price_version: null,
        token_cost: (0.002 * 10) / 1000,
        costs_by_type: null,
      },
    ]);
    // A client cost and a fallback estimate have no split by type: nothing is stored, so nothing is claimed.
    expect(await storedLines(agent)).toEqual([null, null, null, null]);
    expect(cost.cost_details.tokens.unpriced).toEqual({
      calls: 3,
      input_tokens: 2_010,
      output_tokens: 500,
      models: [
        { model: 'my-local-model', calls: 2, tokens: 2_500 },
        { model: 'other-local-model', calls: 1, tokens: 10 },
      ],
    });
  });
});
