import { createAgent, createUser, describeAuthorizationMatrix, MatrixWorld, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureLlmPartitions, insertLlmCalls } from './llm-call-rows';

const NOW = new Date('2026-11-20T12:00:00.000Z');
/** Calls stored with input and output only: every per-type count is 0. */
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

describe('GET /api/agents/:id/cost', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let agent: TestAgent;
  let empty: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agent = await createAgent(t.client, owner);
    empty = await createAgent(t.client, owner);
    await ensureLlmPartitions(t.sql, '2026-09-30', '2026-11-21');
    await insertLlmCalls(t.sql, [
      {
        agentId: agent.id,
        ts: '2026-11-10T00:00:00Z',
        model: 'gpt-4o',
        provider: 'openai',
        inputTokens: 1000,
        outputTokens: 500,
        costUsd: 0.0075,
        rateSource: 'model',
      },
      {
        agentId: agent.id,
        ts: '2026-11-12T00:00:00Z',
        model: 'gpt-4o',
        provider: 'openai',
        inputTokens: 3000,
        outputTokens: 1500,
        costUsd: 0.0225,
        rateSource: 'model',
      },
      {
        agentId: agent.id,
        ts: '2026-11-13T00:00:00Z',
        model: 'gpt-4o',
        provider: 'openai',
        inputTokens: 100,
        outputTokens: 100,
        costUsd: 0.5,
        rateSource: 'client',
      },
      {
        agentId: agent.id,
        ts: '2026-11-14T00:00:00Z',
        model: null,
        provider: null,
        inputTokens: 2000,
        outputTokens: 1000,
        costUsd: 0.006,
        rateSource: 'fallback',
      },
      {
        agentId: agent.id,
        ts: '2026-10-01T08:00:00Z',
        model: 'gpt-4o',
        provider: 'openai',
        inputTokens: 10,
        outputTokens: 10,
        costUsd: 1,
        rateSource: 'model',
      },
      { agentId: empty.id, ts: '2026-11-14T00:00:00Z', model: 'gpt-4o', provider: 'openai', inputTokens: 7, outputTokens: 7, costUsd: 7, rateSource: 'client' },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  // The rows are written straight into llm_calls without a per-type split (as calls stored before it existed): costs_by_type is null.
  it('sums the last 30 days per model and rate source, in the seed shape', async () => {
    const response = await t.client.get(`/api/agents/${agent.id}/cost`, owner.auth);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      token_cost: 0.536,
      total_cost: 0.536,
      input_tokens: 6100,
      output_tokens: 3100,
      total_tokens: 9200,
      cost_details: {
        tokens: {
          fallback_per_1k: 0.002,
          models: [
            {
              model: 'gpt-4o',
              provider: 'openai',
              input_tokens: 100,
              output_tokens: 100,
              total_tokens: 200,
              calls: 1,
              ...NO_TYPES,
              rate_source: 'client',
              price_source: null,
              price_version: null,
              token_cost: 0.5,
              costs_by_type: null,
            },
            {
              model: 'gpt-4o',
              provider: 'openai',
              input_tokens: 4000,
              output_tokens: 2000,
              total_tokens: 6000,
              calls: 2,
              ...NO_TYPES,
              rate_source: 'model',
              price_source: null,
              price_version: null,
              token_cost: 0.03,
              costs_by_type: null,
            },
            {
              model: 'Unknown model',
              provider: null,
              input_tokens: 2000,
              output_tokens: 1000,
              total_tokens: 3000,
              calls: 1,
              ...NO_TYPES,
              rate_source: 'fallback',
              price_source: null,
              price_version: null,
              token_cost: 0.006,
              costs_by_type: null,
            },
          ],
          unpriced: { calls: 1, input_tokens: 2000, output_tokens: 1000, models: [{ model: 'Unknown model', calls: 1, tokens: 3000 }] },
        },
      },
      periodStart: '2026-10-21T12:00:00.000Z',
      periodEnd: '2026-11-20T12:00:00.000Z',
    });
  });

  it('takes a custom UTC date window and period_days', async () => {
    const october = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-10-01&period_end=2026-10-01`, owner.auth);
    expect(october.body).toMatchObject({ token_cost: 1, total_tokens: 20, periodStart: '2026-10-01T00:00:00.000Z', periodEnd: '2026-10-01T23:59:59.000Z' });
    // 7 days back from noon on the 20th starts after the call at 00:00 on the 13th: only the 14th's call.
    const week = await t.client.get(`/api/agents/${agent.id}/cost?period_days=7`, owner.auth);
    expect(week.body).toMatchObject({ token_cost: 0.006, input_tokens: 2000, periodStart: '2026-11-13T12:00:00.000Z' });
    // Timestamps are taken as given, the end inclusive: the calls at 00:00 on the 10th and the 12th, not the 13th's.
    const exact = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-11-10T00:00:00Z&period_end=2026-11-12T00:00:00Z`, owner.auth);
    expect(exact.body).toMatchObject({
      token_cost: 0.03,
      input_tokens: 4000,
      output_tokens: 2000,
      periodStart: '2026-11-10T00:00:00.000Z',
      periodEnd: '2026-11-12T00:00:00.000Z',
    });
    const none = await t.client.get(`/api/agents/${empty.id}/cost?period_start=2026-10-01&period_end=2026-10-31`, owner.auth);
    expect(none.body).toMatchObject({
      token_cost: 0,
      total_cost: 0,
      input_tokens: 0,
      output_tokens: 0,
      total_tokens: 0,
      cost_details: { tokens: { fallback_per_1k: 0.002, models: [] } },
    });
  });

  it('rejects bad periods naming the parameter, and hides other users’ agents', async () => {
    const half = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-10-01`, owner.auth);
    expect(half.status).toBe(400);
    expect(half.body.message).toContain('period_end');
    const bad = await t.client.get(`/api/agents/${agent.id}/cost?period_days=0`, owner.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('period_days');
    const reversed = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-10-02&period_end=2026-10-01`, owner.auth);
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toContain('period_end must not be before period_start');
    const naive = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-10-01T00:00:00&period_end=2026-10-02`, owner.auth);
    expect(naive.status).toBe(400);
    expect(JSON.stringify(naive.body.message)).toContain('period_start must be a date (YYYY-MM-DD) or a timestamp with Z or an offset');
    const mixed = await t.client.get(`/api/agents/${agent.id}/cost?period_days=3&period_start=2026-10-01&period_end=2026-10-02`, owner.auth);
    expect(mixed.status).toBe(400);
    expect(mixed.body.message).toContain('period_days');
    const unknown = await t.client.get(`/api/agents/${agent.id}/cost?days=3`, owner.auth);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toContain('days');
    expect((await t.client.get(`/api/agents/${agent.id}/cost`, other.auth)).status).toBe(404);
    expect((await t.client.get(`/api/agents/00000000-0000-7000-8000-000000000000/cost`, owner.auth)).status).toBe(404);
  });

  describeAuthorizationMatrix('agent cost', (): MatrixWorld => ({ client: t.client, owner, otherUser: other, admin, fixtures: { agentId: agent.id } }), [
    {
      route: 'GET /api/agents/:id/cost',
      method: 'get',
      path: (w) => `/api/agents/${w.fixtures.agentId}/cost`,
      scope: 'monitoring:read',
      expect: { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
  ]);
});
