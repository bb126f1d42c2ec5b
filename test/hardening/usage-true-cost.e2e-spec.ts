import { register } from 'prom-client';
import { BUDGET_JOB } from '@fleetwatch/cost';
import { JobScheduler } from '@fleetwatch/database';
import { ROLLUP_JOB } from '@fleetwatch/rollups';
import { createAgent, createDeployment, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const DEPLOYED = new Date('2026-11-20T10:00:00.000Z');
const CALLS = 100;
const INPUT = 100_000;
const CACHE_READ = 90_000;

/**
 * A prompt-cached agent priced by token type downstream of ingest: 100 claude-sonnet-4-5 calls of
 * 100,000 input tokens of which 90,000 are cache reads. At the input-only price the month would be
 * 30 USD and cross a 10 USD hard cap; at the true price it is 5.70 USD and crosses nothing.
 */
describe('budgets, month-to-date gauge and deployment compare on the true cost', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestAgent;
  let deploymentId: string;
  let rates: { input: number; cacheRead: number };

  beforeAll(async () => {
    t = await startTestApp({ now: DEPLOYED });
    owner = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner, { name: 'cached-loop' });
    deploymentId = (await createDeployment(t.client, owner, agent.id, { environment: 'production', configuration: { model: 'claude-sonnet-4-5' } })).id;
    for (const status of ['in_progress', 'succeeded']) {
      expect((await t.client.patch(`/api/deployments/${deploymentId}`, owner.auth).send({ status })).status).toBe(200);
    }
    t.clock.set(NOW);
    // The catalogue's published rates (USD per 1M tokens) the test computes its expectations from.
    const { rows } = await t.sql.query(
      `select input_per_1m::float8 as input, cache_read_per_1m::float8 as cache_read from model_prices
       where source = 'catalogue' and provider = 'anthropic' and model = 'claude-sonnet-4-5' order by effective_from desc limit 1`,
    );
    rates = { input: rows[0].input, cacheRead: rows[0].cache_read };
    expect(rates).toEqual({ input: 3, cacheRead: 0.3 });
    const call = (timestamp: string) => ({
      agentId: agent.id,
      model: 'claude-sonnet-4-5',
      provider: 'anthropic',
      inputTokens: INPUT,
      cacheReadInputTokens: CACHE_READ,
      outputTokens: 0,
      latencyMs: 900,
      status: 'success',
      timestamp,
    });
    // Half in a complete hour (the gauge reads it from the rollups), half in the current hour (raw calls).
    const llmCalls = [
      ...Array.from({ length: CALLS / 2 }, () => call('2026-11-20T11:30:00.000Z')),
      ...Array.from({ length: CALLS / 2 }, () => call(NOW.toISOString())),
    ];
    const ingest = await t.client.post('/api/ingest', owner.auth).send({ llmCalls });
    expect(ingest.status).toBe(202);
    await t.get(JobScheduler).runNow(ROLLUP_JOB);
  });
  afterAll(async () => {
    await t.close();
  });

  /** Micro-dollars per call, in integers: (uncached input × input rate + cache reads × cache-read rate) per 1M tokens. */
  const microUsd = (input: number, cacheRead: number) => Math.round((input - cacheRead) * rates.input + cacheRead * rates.cacheRead);
  const trueMonth = () => (CALLS * microUsd(INPUT, CACHE_READ)) / 1e6;
  const inputOnlyMonth = () => (CALLS * microUsd(INPUT, 0)) / 1e6;

  it('stores each call at its true cost, from the catalogue', async () => {
    expect(trueMonth()).toBe(5.7);
    expect(inputOnlyMonth()).toBe(30);
    const { rows } = await t.sql.query(
      `select count(*)::int as n, min(cost_usd)::text as lo, max(cost_usd)::text as hi, min(rate_source) as rate, min(price_source) as source
       from llm_calls where agent_id = $1`,
      [agent.id],
    );
    expect(rows[0]).toEqual({ n: CALLS, lo: '0.0570000000', hi: '0.0570000000', rate: 'model', source: 'catalogue' });
  });

  it('keeps a 10 USD hard-capped budget ok where the input-only cost would have crossed it, and the agent running', async () => {
    const monthlyUsd = 10;
    // Between the two costs, and under the soft threshold too: the old input-only cost would have warned and paused.
    expect(trueMonth()).toBeLessThan(monthlyUsd * 0.8);
    expect(inputOnlyMonth()).toBeGreaterThan(monthlyUsd);
    const put = await t.client.put(`/api/agents/${agent.id}/budget`, owner.auth).send({ monthlyUsd, softThresholdPct: 80, hardCap: true });
    expect(put.status).toBe(200);
    await t.get(JobScheduler).runNow(BUDGET_JOB);
    const events = await t.sql.query(`select type from events where agent_id = $1 and type in ('budget_warning', 'budget_paused')`, [agent.id]);
    expect(events.rows).toEqual([]);
    expect((await t.client.get(`/api/agents/${agent.id}`, owner.auth)).body.status).toBe('running');
    const budget = await t.client.get(`/api/agents/${agent.id}/budget`, owner.auth);
    expect(budget.body).toMatchObject({ monthToDateUsd: 5.7, percentUsed: 57, status: 'ok', warnedThisMonth: false, pausedThisMonth: false });
    const usage = await t.client.get('/api/usage/aggregate', owner.auth);
    expect(usage.status).toBe(200);
    expect(usage.body).toMatchObject({
      requests: CALLS,
      inputTokens: CALLS * INPUT,
      cacheReadInputTokens: CALLS * CACHE_READ,
      costUsd: trueMonth(),
      unpriced: { requests: 0, inputTokens: 0, outputTokens: 0 },
      // percentUsed has two decimals: 5.70 / 10 = 57 % (the input-only 30 USD would have been 300 %).
      budget: { monthlyUsd, monthToDateUsd: trueMonth(), percentUsed: Math.round((trueMonth() / monthlyUsd) * 10_000) / 100, status: 'ok' },
    });
  });

  it('reports the true month-to-date cost on the Prometheus gauge (rolled-up hour plus the current hour)', async () => {
    const gauge = (await register.getMetricsAsJSON()).find((m) => m.name === 'fleetwatch_month_to_date_cost_usd')!;
    expect(gauge.values[0].value).toBe(trueMonth());
    const rolled = await t.sql.query(
      `select to_char(hour at time zone 'UTC', 'HH24') as hour, count::int, cost_usd::text, cache_read_input_tokens::int from rollup_llm_hourly where agent_id = $1 order by hour`,
      [agent.id],
    );
    const half = { count: CALLS / 2, cost_usd: '2.8500000000', cache_read_input_tokens: (CALLS / 2) * CACHE_READ };
    expect(rolled.rows).toEqual([
      { hour: '11', ...half },
      { hour: '12', ...half },
    ]);
  });

  it('compares a deployment with the true cost per call of the 24 h after it', async () => {
    const res = await t.client.get(`/api/analytics/deployments/compare?a=${deploymentId}&b=${deploymentId}`, owner.auth);
    expect(res.status).toBe(200);
    expect(res.body.a.after).toMatchObject({ llmCalls: CALLS, costUsd: trueMonth(), costPerCall: trueMonth() / CALLS });
    expect(res.body.a.after.costPerCall).toBe(microUsd(INPUT, CACHE_READ) / 1e6);
  });
});
