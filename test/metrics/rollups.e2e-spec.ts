import { JobLockService, JobScheduler } from '@fleetwatch/database';
import { bucketKey, HISTOGRAM_RELATIVE_ERROR, percentileFromHistogram, ROLLUP_JOB, RollupService } from '@fleetwatch/rollups';
import { createAgent, createUser, insertRollupDirty, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { from as copyFrom } from 'pg-copy-streams';
import { ensurePartitions, insertLlmCalls, insertSamples, insertToolCalls } from './metrics-support';

describe('hourly rollups', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestAgent;
  let other: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-22T12:30:00Z' });
    owner = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner);
    other = await createAgent(t.client, owner);
  });
  afterAll(async () => {
    await t?.close();
  });

  const rollup = async (): Promise<void> => {
    await t.get(JobScheduler).runNow(ROLLUP_JOB);
  };

  it('aggregates samples per agent, type and hour with count/sum/min/max and a histogram, and per owner', async () => {
    await insertSamples(t.sql, agent.id, [
      { type: 'cpu', value: 10, ts: '2026-11-22T10:05:00Z' },
      { type: 'cpu', value: 30, ts: '2026-11-22T10:55:00Z' },
      { type: 'cpu', value: 50, ts: '2026-11-22T11:00:00Z' },
      { type: 'messages', value: 7, ts: '2026-11-22T10:10:00Z' },
    ]);
    await insertSamples(t.sql, other.id, [{ type: 'cpu', value: 90, ts: '2026-11-22T10:30:00Z' }]);
    await rollup();
    const { rows } = await t.sql.query(
      `select type, hour, count::int, sum, min, max, hist from rollup_samples_hourly where agent_id = $1 order by type, hour`,
      [agent.id],
    );
    expect(rows.map((r) => ({ ...r, hour: new Date(r.hour).toISOString() }))).toEqual([
      { type: 'cpu', hour: '2026-11-22T10:00:00.000Z', count: 2, sum: 40, min: 10, max: 30, hist: { [bucketKey(10)]: 1, [bucketKey(30)]: 1 } },
      { type: 'cpu', hour: '2026-11-22T11:00:00.000Z', count: 1, sum: 50, min: 50, max: 50, hist: { [bucketKey(50)]: 1 } },
      { type: 'messages', hour: '2026-11-22T10:00:00.000Z', count: 1, sum: 7, min: 7, max: 7, hist: { [bucketKey(7)]: 1 } },
    ]);
    const owners = await t.sql.query(
      `select type, hour, count::int, sum, min, max from rollup_owner_samples_hourly where owner_id = $1 and type = 'cpu' order by hour`,
      [owner.id],
    );
    expect(owners.rows.map((r) => ({ ...r, hour: new Date(r.hour).toISOString() }))).toEqual([
      { type: 'cpu', hour: '2026-11-22T10:00:00.000Z', count: 3, sum: 130, min: 10, max: 90 },
      { type: 'cpu', hour: '2026-11-22T11:00:00.000Z', count: 1, sum: 50, min: 50, max: 50 },
    ]);
    const dirty = await t.sql.query(`select count(*)::int as n from rollup_dirty`);
    expect(dirty.rows[0].n).toBe(0);
  });

  it('re-aggregates an old hour that receives late data on the next run, and only then', async () => {
    await insertSamples(t.sql, agent.id, [{ type: 'cpu', value: 20, ts: '2026-11-20T03:15:00Z' }]);
    await rollup();
    await insertSamples(t.sql, agent.id, [{ type: 'cpu', value: 40, ts: '2026-11-20T03:45:00Z' }]);
    const before = await t.sql.query(`select count::int, sum from rollup_samples_hourly where agent_id = $1 and hour = '2026-11-20T03:00:00Z'`, [agent.id]);
    expect(before.rows).toEqual([{ count: 1, sum: 20 }]);
    await rollup();
    const after = await t.sql.query(`select count::int, sum, min, max from rollup_samples_hourly where agent_id = $1 and hour = '2026-11-20T03:00:00Z'`, [
      agent.id,
    ]);
    expect(after.rows).toEqual([{ count: 2, sum: 60, min: 20, max: 40 }]);
    const owners = await t.sql.query(`select count::int, sum from rollup_owner_samples_hourly where owner_id = $1 and hour = '2026-11-20T03:00:00Z'`, [
      owner.id,
    ]);
    expect(owners.rows).toEqual([{ count: 2, sum: 60 }]);
  });

  it('marks hours written by COPY (the ingest path) as well as by INSERT', async () => {
    await ensurePartitions(t.sql, 'metric_samples', '2026-11-21', '2026-11-21');
    const rows = [`${randomUUID()}\t${other.id}\tcpu\t12\t\\N\t2026-11-21T05:10:00Z\n`, `${randomUUID()}\t${other.id}\tcpu\t18\t\\N\t2026-11-21T05:20:00Z\n`];
    await pipeline(Readable.from(rows), t.sql.query(copyFrom('copy metric_samples (id, agent_id, type, value, metadata, ts) from stdin')));
    await rollup();
    const { rows: rolled } = await t.sql.query(`select count::int, sum from rollup_samples_hourly where agent_id = $1 and hour = '2026-11-21T05:00:00Z'`, [
      other.id,
    ]);
    expect(rolled).toEqual([{ count: 2, sum: 30 }]);
  });

  it('rolls up LLM calls per model and tool calls per tool, with error types and percentiles within the bound', async () => {
    const latencies = Array.from({ length: 100 }, (_, i) => 100 + i * 10);
    await insertLlmCalls(t.sql, agent.id, [
      ...latencies.map((latencyMs, i) => ({
        latencyMs,
        inputTokens: 10,
        outputTokens: 5,
        costUsd: 0.01,
        status: i < 3 ? ('error' as const) : ('success' as const),
        ts: '2026-11-22T09:20:00Z',
      })),
      { model: null, latencyMs: 50, inputTokens: 1, outputTokens: 1, ts: '2026-11-22T09:40:00Z' },
    ]);
    await insertToolCalls(t.sql, agent.id, [
      { tool: 'search', durationMs: 100, ts: '2026-11-22T09:01:00Z' },
      { tool: 'search', durationMs: 300, status: 'error', errorType: 'timeout', ts: '2026-11-22T09:02:00Z' },
      { tool: 'search', durationMs: 200, status: 'error', errorType: 'timeout', ts: '2026-11-22T09:03:00Z' },
      { tool: 'search', durationMs: 250, status: 'error', ts: '2026-11-22T09:04:00Z' },
    ]);
    await rollup();
    const llm = await t.sql.query(
      `select model, count::int, errors::int, input_tokens::int, output_tokens::int, cost_usd::float8 as cost, latency_sum, latency_min, latency_max, latency_hist
       from rollup_llm_hourly where agent_id = $1 and hour = '2026-11-22T09:00:00Z' order by model`,
      [agent.id],
    );
    expect(llm.rows.map(({ latency_hist: _hist, ...r }) => r)).toEqual([
      { model: '', count: 1, errors: 0, input_tokens: 1, output_tokens: 1, cost: 0, latency_sum: 50, latency_min: 50, latency_max: 50 },
      { model: 'gpt-4o', count: 100, errors: 3, input_tokens: 1000, output_tokens: 500, cost: 1, latency_sum: 59500, latency_min: 100, latency_max: 1090 },
    ]);
    const hist = llm.rows[1].latency_hist;
    const sorted = [...latencies].sort((a, b) => a - b);
    for (const q of [0.5, 0.95, 0.99]) {
      const exact = sorted[Math.ceil(q * sorted.length) - 1];
      const estimate = percentileFromHistogram(hist, q, { min: 100, max: 1090 })!;
      expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR);
    }
    const tool = await t.sql.query(
      `select tool, count::int, errors::int, duration_sum, duration_min, duration_max, error_types from rollup_tool_hourly where agent_id = $1`,
      [agent.id],
    );
    expect(tool.rows).toEqual([
      { tool: 'search', count: 4, errors: 3, duration_sum: 850, duration_min: 100, duration_max: 300, error_types: { timeout: 2, unknown: 1 } },
    ]);
  });

  it('is idempotent, and a second replica taking the lock concurrently changes nothing', async () => {
    const snapshot = async (): Promise<unknown[]> =>
      (await t.sql.query(`select agent_id, type, hour, count, sum from rollup_samples_hourly order by 1, 2, 3`)).rows;
    const before = await snapshot();
    await insertRollupDirty(t.sql, [
      { kind: 'samples', agentId: agent.id, hour: '2026-11-22T10:00:00Z' },
      { kind: 'samples', agentId: agent.id, hour: '2026-11-22T10:00:00Z' },
    ]);
    const service = t.get(RollupService);
    const locks = t.get(JobLockService);
    const [a, b] = await Promise.all([
      locks.runExclusive(ROLLUP_JOB, (em) => service.refresh(em)),
      locks.runExclusive(ROLLUP_JOB, (em) => service.refresh(em)),
    ]);
    expect([a, b].filter((r) => r.ran).length).toBeGreaterThanOrEqual(1);
    expect([a, b].map((r) => r.result?.samplesHours ?? 0).reduce((x, y) => x + y, 0)).toBe(1);
    expect(await snapshot()).toEqual(before);
    expect((await t.sql.query(`select count(*)::int as n from rollup_dirty`)).rows[0].n).toBe(0);
  });

  it('drops rollups with the agent and recomputes its owner’s hours', async () => {
    const doomed = await createAgent(t.client, owner);
    await insertSamples(t.sql, doomed.id, [{ type: 'cpu', value: 1000, ts: '2026-11-22T10:40:00Z' }]);
    await rollup();
    const withDoomed = await t.sql.query(`select sum from rollup_owner_samples_hourly where owner_id = $1 and type = 'cpu' and hour = '2026-11-22T10:00:00Z'`, [
      owner.id,
    ]);
    expect(withDoomed.rows).toEqual([{ sum: 1130 }]);
    expect((await t.client.delete(`/api/agents/${doomed.id}`, owner.auth)).status).toBe(204);
    await rollup();
    const gone = await t.sql.query(`select count(*)::int as n from rollup_samples_hourly where agent_id = $1`, [doomed.id]);
    expect(gone.rows[0].n).toBe(0);
    const after = await t.sql.query(`select sum from rollup_owner_samples_hourly where owner_id = $1 and type = 'cpu' and hour = '2026-11-22T10:00:00Z'`, [
      owner.id,
    ]);
    expect(after.rows).toEqual([{ sum: 130 }]);
  });
});
