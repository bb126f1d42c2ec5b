import { JobScheduler } from '@fleetwatch/database';
import { HISTOGRAM_RELATIVE_ERROR, ROLLUP_JOB } from '@fleetwatch/rollups';
import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { insertLlmCalls, insertSamples, insertToolCalls, LlmCallFixture, nearestRankPercentile, SampleFixture, seeded } from './telemetry-fixtures';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();
const START = NOW - 6 * HOUR;

interface Point {
  ts: string;
  value: number | null;
}

describe('analytics timeseries', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let agentId: string;
  let otherAgentId: string;
  const samples: SampleFixture[] = [];
  const llm: LlmCallFixture[] = [];

  beforeAll(async () => {
    t = await startTestApp({ now: new Date(NOW) });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    agentId = (await createAgent(t.client, owner)).id;
    otherAgentId = (await createAgent(t.client, other)).id;
    const random = seeded(3);
    // Six hours of data with hour 3 left empty.
    for (let h = 0; h < 6; h += 1) {
      if (h === 3) continue;
      for (let k = 0; k < 8; k += 1) {
        const ts = START + h * HOUR + k * 7 * 60_000 + 1000;
        samples.push({ agentId, type: 'cpu_usage', value: Math.round(random() * 10000) / 100, ts: iso(ts) });
        llm.push({
          agentId,
          latencyMs: Math.round(50 + random() * 2000),
          inputTokens: 10 * (k + 1),
          outputTokens: k,
          costUsd: (k + 1) / 1000,
          status: k % 4 === 0 ? 'error' : 'success',
          ts: iso(ts),
        });
      }
    }
    await insertSamples(t.sql, samples);
    await insertSamples(t.sql, [{ agentId: otherAgentId, type: 'cpu_usage', value: 1000, ts: iso(START + 1000) }]);
    await insertLlmCalls(t.sql, llm);
    await insertToolCalls(t.sql, [
      { agentId, tool: 'x', durationMs: 5, status: 'error', ts: iso(START + 10) },
      { agentId, tool: 'x', durationMs: 7, ts: iso(START + 20) },
      { agentId, tool: 'x', durationMs: 9, ts: iso(START + HOUR + 20) },
    ]);
    await t.get(JobScheduler).runNow(ROLLUP_JOB);
  });
  afterAll(async () => {
    await t.close();
  });

  const hourOf = (ts: string) => Math.floor((Date.parse(ts) - START) / HOUR);
  async function series(query: string, auth = owner.auth) {
    const res = await t.client.get(`/api/analytics/timeseries?start=${iso(START)}&end=${iso(NOW)}&${query}`, auth);
    expect(res.status).toBe(200);
    return res.body as { source: string; points: Point[]; start: string; end: string; intervalSeconds: number };
  }

  it('charts a sample type per hour with values the test recomputes, empty hours included', async () => {
    const avg = await series(`metric=cpu_usage&agentId=${agentId}&interval=1h&aggregation=avg`);
    expect(avg.source).toBe('rollup');
    expect(avg.points).toHaveLength(6);
    avg.points.forEach((p, h) => {
      const values = samples.filter((s) => hourOf(String(s.ts)) === h).map((s) => s.value);
      expect(p.ts).toBe(iso(START + h * HOUR));
      if (values.length === 0) expect(p.value).toBeNull();
      else expect(p.value).toBeCloseTo(values.reduce((a, b) => a + b, 0) / values.length, 9);
    });
    const count = await series(`metric=cpu_usage&agentId=${agentId}&interval=1h&aggregation=count`);
    expect(count.points.map((p) => p.value)).toEqual([8, 8, 8, 0, 8, 8]);
  });

  const CASES = [
    'metric=cpu_usage&aggregation=avg',
    'metric=cpu_usage&aggregation=sum',
    'metric=cpu_usage&aggregation=min',
    'metric=cpu_usage&aggregation=max',
    'metric=cpu_usage&aggregation=count',
    'metric=llm_latency_ms&aggregation=avg',
    'metric=llm_latency_ms&aggregation=max',
    'metric=llm_calls',
    'metric=llm_errors',
    'metric=llm_error_rate',
    'metric=tokens',
    'metric=tokens&aggregation=avg',
    'metric=cost_usd',
    'metric=tool_error_rate',
    'metric=tool_duration_ms&aggregation=min',
  ];
  it.each(CASES)('gives the same hourly points from rollups and from raw rows: %s', async (query) => {
    for (const interval of ['1h', '2h']) {
      const fromRollups = await series(`${query}&interval=${interval}&source=rollup`);
      const fromRaw = await series(`${query}&interval=${interval}&source=raw`);
      expect([fromRollups.source, fromRaw.source]).toEqual(['rollup', 'raw']);
      expect(fromRollups.points.map((p) => p.ts)).toEqual(fromRaw.points.map((p) => p.ts));
      fromRollups.points.forEach((p, i) => {
        const raw = fromRaw.points[i].value;
        if (raw === null) expect(p.value).toBeNull();
        else expect(p.value).toBeCloseTo(raw, 9);
      });
    }
  });

  it('reads hourly percentiles from the merged histograms within the stated bound', async () => {
    const p95 = await series(`metric=llm_latency_ms&agentId=${agentId}&interval=2h&aggregation=p95`);
    expect(p95.points).toHaveLength(3);
    p95.points.forEach((p, i) => {
      const values = llm.filter((c) => Math.floor(hourOf(String(c.ts)) / 2) === i).map((c) => c.latencyMs);
      const exact = nearestRankPercentile(values, 0.95);
      expect(Math.abs((p.value as number) - exact) / exact).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR + 1e-12);
    });
  });

  it('buckets raw rows for intervals that are not whole hours, aligned to the epoch', async () => {
    const res = await t.client.get(
      `/api/analytics/timeseries?metric=tokens&agentId=${agentId}&start=${iso(START + 5 * 60_000)}&end=${iso(START + HOUR)}&interval=20m`,
      owner.auth,
    );
    expect(res.body).toMatchObject({ source: 'raw', intervalSeconds: 1200, start: iso(START), end: iso(START + HOUR) });
    const expected = [0, 1, 2].map((b) =>
      llm
        .filter((c) => Date.parse(String(c.ts)) >= START + b * 1_200_000 && Date.parse(String(c.ts)) < START + (b + 1) * 1_200_000)
        .reduce((s, c) => s + (c.inputTokens ?? 0) + (c.outputTokens ?? 0), 0),
    );
    expect(res.body.points.map((p: Point) => p.value)).toEqual(expected);
  });

  it('keeps users to their own agents', async () => {
    const mine = await series('metric=cpu_usage&aggregation=max&interval=1h');
    expect(mine.points[0].value).toBe(Math.max(...samples.filter((s) => hourOf(String(s.ts)) === 0).map((s) => s.value)));
    const theirs = await series('metric=cpu_usage&aggregation=max&interval=1h', other.auth);
    expect(theirs.points.map((p) => p.value)).toEqual([1000, null, null, null, null, null]);
    expect((await t.client.get(`/api/analytics/timeseries?metric=cpu_usage&agentId=${otherAgentId}`, owner.auth)).status).toBe(404);
  });

  it('refuses more than 10,000 points, unsupported aggregations and bad intervals with a 400 naming the field', async () => {
    const tooMany = await t.client.get(`/api/analytics/timeseries?metric=cpu_usage&interval=1s`, owner.auth);
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toContain('86400 points');
    const ok = await t.client.get(`/api/analytics/timeseries?metric=cpu_usage&interval=9s`, owner.auth);
    expect(ok.status).toBe(200);
    expect(ok.body.points.length).toBeLessThanOrEqual(10_000);
    const agg = await t.client.get(`/api/analytics/timeseries?metric=tokens&aggregation=p95`, owner.auth);
    expect(agg.status).toBe(400);
    expect(agg.body.message).toContain('aggregation');
    const interval = await t.client.get(`/api/analytics/timeseries?metric=cpu_usage&interval=5x`, owner.auth);
    expect(interval.status).toBe(400);
    expect(JSON.stringify(interval.body.message)).toContain('interval');
    expect((await t.client.get(`/api/analytics/timeseries?metric=cpu_usage&interval=30m&source=rollup`, owner.auth)).status).toBe(400);
  });
});
