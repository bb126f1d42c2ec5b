import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { ALERT_ENV, createRule } from '../alerts/alerts-support';
import { startTestApp, TestApp } from '../support/test-app';
import { alertStates, cpuTenant, nextTick } from './overflow-support';

const NOW = '2026-11-22T12:30:00.000Z';
const T = '2026-11-22T12:20:00.000Z';
const START = '2026-11-22T12:00:00.000Z';

/**
 * Issue item 1, valid input: one call of 2,000,000,000 input and 300,000,000 output tokens (each
 * within the documented maximum) made three routes answer 500 (`integer out of range`, the sum of
 * two int4 columns) and a `tokens sum` rule fail the whole alert tick.
 */
describe('token sums past 2^31 − 1', () => {
  let t: TestApp;
  let owner: TestUser;
  let second: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ env: ALERT_ENV, now: NOW });
    owner = await createUser(t.client, t.sql);
    second = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner);
    const res = await t.client.post('/api/ingest', owner.auth).send({
      llmCalls: [{ agentId: agent.id, model: 'm', inputTokens: 2_000_000_000, outputTokens: 300_000_000, latencyMs: 40, status: 'success', timestamp: T }],
    });
    expect(res.status).toBe(202);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('summary, tokens records and the raw timeseries answer the exact sum, 2300000000', async () => {
    const summary = await t.client.get(`/api/agents/${agent.id}/metrics/summary`, owner.auth);
    expect(summary.status).toBe(200);
    expect(summary.body).toEqual({ total_tokens: 2_300_000_000, total_requests: 1, avg_response_ms: 40, last_active_at: T });

    const records = await t.client.get(`/api/agents/${agent.id}/metrics?type=tokens`, owner.auth);
    expect(records.status).toBe(200);
    expect(records.body.map((r: { metric_type: string; value: number; recorded_at: string }) => [r.metric_type, r.value, r.recorded_at])).toEqual([
      ['tokens', 2_300_000_000, T],
    ]);

    const series = await t.client.get(`/api/analytics/timeseries?metric=tokens&agentId=${agent.id}&start=${START}&end=${NOW}&source=raw`, owner.auth);
    expect(series.status).toBe(200);
    expect(series.body).toMatchObject({ aggregation: 'sum', source: 'raw', points: [{ ts: START, value: 2_300_000_000 }] });
  });

  it('a `tokens sum > 1e9` rule fires, and another user’s cpu rule fires in the same tick', async () => {
    const tokens = await createRule(t, owner, { name: 'tokens', metric: 'tokens', aggregation: 'sum', comparator: 'gt', threshold: 1e9, windowMinutes: 30 });
    const cpu = await cpuTenant(t, second);
    await nextTick(t);
    expect(await alertStates(t, owner)).toEqual([{ ruleId: tokens.id, agentId: agent.id, status: 'firing', value: 2_300_000_000 }]);
    expect(await alertStates(t, second)).toEqual([{ ruleId: cpu.ruleId, agentId: cpu.agentId, status: 'firing', value: 95 }]);
  });
});
