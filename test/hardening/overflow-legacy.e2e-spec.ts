import { JobScheduler } from '@fleetwatch/database';
import { ROLLUP_JOB } from '@fleetwatch/rollups';
import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { ALERT_ENV, createRule } from '../alerts/alerts-support';
import { ensurePartitions, insertLlmCalls, insertSamples } from '../metrics/metrics-support';
import { startTestApp, TestApp } from '../support/test-app';
import { alertStates, cpuTenant, nextTick } from './overflow-support';

const NOW = '2026-11-22T12:30:00.000Z';
const HOUR = '2026-11-22T11:00:00.000Z';

/**
 * Rows stored before ingest enforced its ranges (1.7e308 samples; a hundred thousand calls at the
 * old costUsd maximum in one hour, more than an hourly cost rollup can hold) must not stop the
 * shared jobs for the other tenants, nor make them fail again on every tick.
 */
describe('rows outside the ingest ranges, stored before the ranges existed', () => {
  let t: TestApp;
  let bad: TestUser;
  let good: TestUser;
  let badAgent: TestAgent;
  let goodAgent: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ env: ALERT_ENV, now: NOW });
    bad = await createUser(t.client, t.sql);
    good = await createUser(t.client, t.sql);
    badAgent = await createAgent(t.client, bad);
    goodAgent = await createAgent(t.client, good);
    await insertSamples(t.sql, badAgent.id, [
      { type: 'queue', value: 1.7e308, ts: '2026-11-22T11:10:00Z' },
      { type: 'queue', value: 1.7e308, ts: '2026-11-22T12:25:00Z' },
      { type: 'queue', value: 1.7e308, ts: '2026-11-22T12:26:00Z' },
    ]);
    await ensurePartitions(t.sql, 'llm_calls', '2026-11-22', '2026-11-22');
    await t.sql.query(
      `insert into llm_calls (id, agent_id, model, provider, input_tokens, output_tokens, latency_ms, status, error_type, cost_usd, rate_source, trace_id, ts)
       select gen_random_uuid(), $1, 'm', 'p', 1, 1, 1, 'success', null, 1000000000, 'client', null, '2026-11-22T11:30:00Z' from generate_series(1, 100001)`,
      [badAgent.id],
    );
    await insertLlmCalls(t.sql, goodAgent.id, [{ latencyMs: 120, inputTokens: 10, outputTokens: 5, costUsd: 0.5, ts: '2026-11-22T11:40:00Z' }]);
    await insertSamples(t.sql, goodAgent.id, [{ type: 'queue', value: 7, ts: '2026-11-22T11:20:00Z' }]);
  });
  afterAll(async () => {
    await t?.close();
  });

  const rollup = () => t.get(JobScheduler).runNow(ROLLUP_JOB);

  it('the rollup job succeeds and advances every other agent-hour; the unaggregatable hour is skipped once, not retried forever', async () => {
    const first = await rollup();
    expect(first.error).toBeUndefined();
    const samples = await t.sql.query(`select agent_id, count::int, sum, max from rollup_samples_hourly where hour = $1 order by sum`, [HOUR]);
    // Values beyond the range are read as its bound (1e15), so sums stay finite.
    expect(samples.rows).toEqual([
      { agent_id: goodAgent.id, count: 1, sum: 7, max: 7 },
      { agent_id: badAgent.id, count: 1, sum: 1e15, max: 1e15 },
    ]);
    const llm = await t.sql.query(`select agent_id, count::int, cost_usd::text from rollup_llm_hourly where hour = $1`, [HOUR]);
    expect(llm.rows).toEqual([{ agent_id: goodAgent.id, count: 1, cost_usd: '0.5000000000' }]);
    const owners = await t.sql.query(`select owner_id, sum from rollup_owner_samples_hourly where hour = $1 order by sum`, [HOUR]);
    expect(owners.rows).toEqual([
      { owner_id: good.id, sum: 7 },
      { owner_id: bad.id, sum: 1e15 },
    ]);
    const marks = await t.sql.query(`select count(*)::int as n from rollup_dirty`);
    expect(marks.rows[0].n).toBe(0);

    await insertLlmCalls(t.sql, goodAgent.id, [{ latencyMs: 80, costUsd: 0.25, ts: '2026-11-22T12:10:00Z' }]);
    const second = await rollup();
    expect(second.error).toBeUndefined();
    const later = await t.sql.query(`select count::int, cost_usd::text from rollup_llm_hourly where agent_id = $1 order by hour`, [goodAgent.id]);
    expect(later.rows).toEqual([
      { count: 1, cost_usd: '0.5000000000' },
      { count: 1, cost_usd: '0.2500000000' },
    ]);
  });

  it('the alert tick succeeds: the other user’s cpu rule fires, and the rule over the stored extremes reads them at the bound', async () => {
    const queue = await createRule(t, bad, { name: 'queue', metric: 'queue', aggregation: 'sum', comparator: 'gt', threshold: 0, windowMinutes: 10 });
    const cpu = await cpuTenant(t, good);
    await nextTick(t);
    expect(await alertStates(t, good)).toEqual([{ ruleId: cpu.ruleId, agentId: cpu.agentId, status: 'firing', value: 95 }]);
    expect(await alertStates(t, bad)).toEqual([{ ruleId: queue.id, agentId: badAgent.id, status: 'firing', value: 2e15 }]);
  });
});
