import { JobScheduler, PartitionService, RETENTION_JOB } from '@fleetwatch/database';
import { ROLLUP_JOB } from '@fleetwatch/rollups';
import { createAgent, createUser, insertSampleRollups, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { insertLlmCalls, insertSamples, insertToolCalls } from './telemetry-fixtures';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const DAY = 86_400_000;
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const OLD_HOUR = Date.parse('2026-09-23T10:00:00.000Z'); // 60 days before NOW, 2 h earlier
const CUTOFF_DAY = '2026-10-23'; // NOW − RAW_RETENTION_DAYS (30)

describe('retention', () => {
  let t: TestApp;
  let owner: TestUser;
  let agentId: string;

  async function partitionExists(name: string): Promise<boolean> {
    const { rows } = await t.sql.query(`select to_regclass($1) is not null as present`, [name]);
    return rows[0].present as boolean;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: new Date(NOW), env: { RAW_RETENTION_DAYS: '30', ROLLUP_RETENTION_DAYS: '400' } });
    owner = await createUser(t.client, t.sql);
    agentId = (await createAgent(t.client, owner)).id;

    // Sixty days ago the hour was fresh: it is written and rolled up then.
    t.clock.set(new Date(OLD_HOUR + 2 * HOUR));
    // Through the service, so the day is in its cache when retention drops it.
    await t.get(PartitionService).ensureForTimestamps('metric_samples', [new Date(OLD_HOUR)]);
    await insertSamples(
      t.sql,
      [10, 20, 60].map((value, i) => ({ agentId, type: 'queue_depth', value, ts: iso(OLD_HOUR + i * 600_000) })),
    );
    await insertLlmCalls(t.sql, [{ agentId, latencyMs: 120, costUsd: 0.5, ts: iso(OLD_HOUR + 60_000) }]);
    await insertToolCalls(t.sql, [{ agentId, tool: 'search', durationMs: 7, ts: iso(OLD_HOUR + 60_000) }]);
    await t.get(JobScheduler).runNow(ROLLUP_JOB);

    t.clock.set(new Date(NOW));
    await insertSamples(t.sql, [
      { agentId, type: 'queue_depth', value: 1, ts: `${CUTOFF_DAY}T00:00:00.000Z` },
      { agentId, type: 'queue_depth', value: 2, ts: iso(Date.parse(`${CUTOFF_DAY}T00:00:00.000Z`) - 1) },
      { agentId, type: 'queue_depth', value: 3, ts: iso(NOW - HOUR) },
    ]);
    // A rollup hour past ROLLUP_RETENTION_DAYS.
    await insertSampleRollups(t.sql, [{ agentId, type: 'queue_depth', hour: iso(NOW - 401 * DAY), count: 1, sum: 5, min: 5, max: 5, hist: { 82: 1 } }]);
  });
  afterAll(async () => {
    await t.close();
  });

  it('drops whole raw partitions before the cutoff day and old rollup hours, keeping the rest', async () => {
    const outcome = await t.get(JobScheduler).runNow(RETENTION_JOB);
    expect(outcome.ran).toBe(true);
    expect(await partitionExists('metric_samples_p20260923')).toBe(false);
    expect(await partitionExists('llm_calls_p20260923')).toBe(false);
    expect(await partitionExists('tool_calls_p20260923')).toBe(false);
    expect(await partitionExists('metric_samples_p20261022')).toBe(false);
    expect(await partitionExists('metric_samples_p20261023')).toBe(true);
    const raw = await t.sql.query(`select value from metric_samples where agent_id = $1 order by ts`, [agentId]);
    expect(raw.rows.map((r) => r.value)).toEqual([1, 3]);
    const rollups = await t.sql.query(`select hour, count, sum from rollup_samples_hourly where agent_id = $1 order by hour`, [agentId]);
    expect(rollups.rows.map((r) => [new Date(r.hour).toISOString(), Number(r.count), Number(r.sum)])).toEqual(expect.arrayContaining([[iso(OLD_HOUR), 3, 90]]));
    expect(rollups.rows.some((r) => Date.parse(new Date(r.hour).toISOString()) < NOW - 400 * DAY)).toBe(false);
    const llm = await t.sql.query(`select count from rollup_llm_hourly where agent_id = $1 and hour = $2`, [agentId, iso(OLD_HOUR)]);
    expect(llm.rows.map((r) => Number(r.count))).toEqual([1]);
  });

  it('still charts the 60-day-old hour from its rollup once its raw rows are gone', async () => {
    const query = `agentId=${agentId}&start=${iso(OLD_HOUR)}&end=${iso(OLD_HOUR + HOUR)}&interval=1h`;
    const avg = await t.client.get(`/api/analytics/timeseries?metric=queue_depth&aggregation=avg&${query}`, owner.auth);
    expect(avg.body).toMatchObject({ source: 'rollup', points: [{ ts: iso(OLD_HOUR), value: 30 }] });
    const max = await t.client.get(`/api/analytics/timeseries?metric=queue_depth&aggregation=max&${query}`, owner.auth);
    expect(max.body.points).toEqual([{ ts: iso(OLD_HOUR), value: 60 }]);
    const cost = await t.client.get(`/api/analytics/timeseries?metric=cost_usd&${query}`, owner.auth);
    expect(cost.body.points).toEqual([{ ts: iso(OLD_HOUR), value: 0.5 }]);
    const raw = await t.client.get(`/api/analytics/timeseries?metric=queue_depth&aggregation=avg&source=raw&${query}`, owner.auth);
    expect(raw.body.points).toEqual([{ ts: iso(OLD_HOUR), value: null }]);
    const tools = await t.client.get(`/api/analytics/tools/summary?start_date=${iso(NOW - 90 * DAY)}&end_date=${iso(NOW)}`, owner.auth);
    expect(tools.body).toMatchObject({ totalCalls: 1, averageDurationMs: 7, source: 'rollup' });
  });

  it('forgets dropped days, so a late row for such a day gets its partition again', async () => {
    await t.get(PartitionService).ensureForTimestamps('metric_samples', [new Date(OLD_HOUR)]);
    expect(await partitionExists('metric_samples_p20260923')).toBe(true);
  });
});
