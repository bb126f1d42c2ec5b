import { JobScheduler } from '@fleetwatch/database';
import { HISTOGRAM_RELATIVE_ERROR, ROLLUP_JOB } from '@fleetwatch/rollups';
import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { insertToolCalls, interpolatedPercentile, nearestRankPercentile, seeded, ToolCallFixture } from './telemetry-fixtures';

const NOW = '2026-11-22T12:00:00.000Z';
const HOUR = 3_600_000;
const at = (hoursAgo: number, minute = 0) => new Date(Date.parse(NOW) - hoursAgo * HOUR + minute * 60_000).toISOString();

describe('tool analytics', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let ownerAgent: string;
  let otherAgent: string;
  const ownerCalls: ToolCallFixture[] = [];

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    ownerAgent = (await createAgent(t.client, owner)).id;
    otherAgent = (await createAgent(t.client, other)).id;
    const random = seeded(42);
    for (let i = 0; i < 60; i += 1) {
      const errorType = i % 10 === 0 ? 'timeout' : i % 15 === 1 ? 'http_500' : i === 7 ? null : undefined;
      ownerCalls.push({
        agentId: ownerAgent,
        tool: 'search',
        durationMs: Math.round(5 + random() * 900 * 1000) / 1000,
        status: errorType === undefined ? 'success' : 'error',
        errorType: errorType ?? null,
        ts: at(1 + (i % 20), i),
      });
    }
    for (let i = 0; i < 12; i += 1) ownerCalls.push({ agentId: ownerAgent, tool: 'fetch', durationMs: 10 * (i + 1), ts: at(2, i) });
    await insertToolCalls(t.sql, ownerCalls);
    await insertToolCalls(t.sql, [
      { agentId: otherAgent, tool: 'search', durationMs: 1, ts: at(3) },
      { agentId: otherAgent, tool: 'mail', durationMs: 2, status: 'error', errorType: 'bounce', ts: at(3) },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const range = `start_date=${at(24)}&end_date=${NOW}`;
  const search = () => ownerCalls.filter((c) => c.tool === 'search');

  it('summarises the caller’s calls exactly', async () => {
    const res = await t.client.get(`/api/analytics/tools/summary?${range}`, owner.auth);
    expect(res.status).toBe(200);
    const errors = ownerCalls.filter((c) => c.status === 'error').length;
    const mean = ownerCalls.reduce((s, c) => s + c.durationMs, 0) / ownerCalls.length;
    expect(res.body).toMatchObject({ totalCalls: 72, successfulCalls: 72 - errors, totalErrors: errors, source: 'raw' });
    expect(res.body.successRate).toBeCloseTo((72 - errors) / 72, 12);
    expect(res.body.averageDurationMs).toBeCloseTo(mean, 9);
  });

  it('gives exact per-tool percentiles and the commonest error types', async () => {
    const res = await t.client.get(`/api/analytics/tools/by-tool?${range}`, owner.auth);
    expect(res.status).toBe(200);
    expect(res.body.map((r: { tool: string }) => r.tool)).toEqual(['search', 'fetch']);
    const [s, f] = res.body;
    const durations = search().map((c) => c.durationMs);
    expect(s.percentiles).toBe('exact');
    for (const [key, q] of [
      ['p50', 0.5],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      expect(s.durationMs[key]).toBeCloseTo(interpolatedPercentile(durations, q), 9);
    }
    expect(s.calls).toBe(60);
    expect(s.errors).toBe(search().filter((c) => c.status === 'error').length);
    expect(s.commonErrors).toEqual([
      { errorType: 'timeout', count: 6 },
      { errorType: 'http_500', count: 4 },
      { errorType: 'unknown', count: 1 },
    ]);
    expect(f).toMatchObject({ tool: 'fetch', calls: 12, errors: 0, successRate: 1, errorRate: 0, commonErrors: [] });
    expect(f.durationMs).toEqual({
      p50: 65,
      p95: interpolatedPercentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120], 0.95),
      p99: interpolatedPercentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110, 120], 0.99),
    });
  });

  it('filters by tool_name and by time, excluding rows outside [start_date, end_date)', async () => {
    const res = await t.client.get(`/api/analytics/tools/summary?tool_name=fetch&start_date=${at(2, 5)}&end_date=${at(2, 10)}`, owner.auth);
    expect(res.body.totalCalls).toBe(5);
  });

  it('lets admins see everyone or one user, and refuses a user naming another', async () => {
    const all = await t.client.get(`/api/analytics/tools/by-tool?${range}`, admin.auth);
    expect(all.body.map((r: { tool: string; calls: number }) => [r.tool, r.calls])).toEqual([
      ['search', 61],
      ['fetch', 12],
      ['mail', 1],
    ]);
    const one = await t.client.get(`/api/analytics/tools/by-tool?${range}&user_id=${other.id}`, admin.auth);
    expect(one.body.map((r: { tool: string }) => r.tool)).toEqual(['mail', 'search']);
    expect(one.body[0].commonErrors).toEqual([{ errorType: 'bounce', count: 1 }]);
    expect((await t.client.get(`/api/analytics/tools/summary?user_id=${other.id}`, owner.auth)).status).toBe(403);
    expect((await t.client.get(`/api/analytics/tools/summary?${range}&user_id=${owner.id}`, owner.auth)).body.totalCalls).toBe(72);
  });

  it('lists recent calls newest first with a bounded limit', async () => {
    const res = await t.client.get('/api/analytics/tools/recent?limit=3', owner.auth);
    expect(res.status).toBe(200);
    const newest = [...ownerCalls].sort((a, b) => Date.parse(String(b.ts)) - Date.parse(String(a.ts))).slice(0, 3);
    expect(res.body.map((r: { ts: string; durationMs: number }) => [r.ts, r.durationMs])).toEqual(newest.map((c) => [c.ts, c.durationMs]));
    expect(Object.keys(res.body[0]).sort()).toEqual(['agentId', 'durationMs', 'errorType', 'id', 'status', 'tool', 'traceId', 'ts']);
    expect((await t.client.get('/api/analytics/tools/recent', owner.auth)).body).toHaveLength(50);
    const tooMany = await t.client.get('/api/analytics/tools/recent?limit=101', owner.auth);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body.message)).toContain('limit');
  });

  it('rejects a reversed range and unknown parameters, naming the field', async () => {
    const reversed = await t.client.get(`/api/analytics/tools/summary?start_date=${NOW}&end_date=${at(1)}`, owner.auth);
    expect(reversed.status).toBe(400);
    expect(reversed.body.message).toContain('start_date');
    const unknown = await t.client.get('/api/analytics/tools/summary?color=red', owner.auth);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toContain('color');
  });

  it('reads long ranges from the rollup histograms, within the stated relative error of the exact percentiles', async () => {
    const random = seeded(7);
    const spread: ToolCallFixture[] = [];
    for (let i = 0; i < 400; i += 1) {
      spread.push({
        agentId: ownerAgent,
        tool: 'index',
        durationMs: Math.round(Math.exp(random() * 9) * 1000) / 1000,
        ts: at(24 * (1 + (i % 20)) + (i % 24), i % 60),
      });
    }
    spread.push({ agentId: ownerAgent, tool: 'index', durationMs: 3, status: 'error', errorType: 'timeout', ts: at(24 * 15) });
    await insertToolCalls(t.sql, spread);
    await t.get(JobScheduler).runNow(ROLLUP_JOB);

    const res = await t.client.get(`/api/analytics/tools/by-tool?tool_name=index&start_date=${at(24 * 25)}&end_date=${NOW}`, owner.auth);
    expect(res.status).toBe(200);
    const [row] = res.body;
    expect(row).toMatchObject({ tool: 'index', calls: 401, errors: 1, percentiles: 'histogram', commonErrors: [{ errorType: 'timeout', count: 1 }] });
    const durations = spread.map((c) => c.durationMs);
    for (const [key, q] of [
      ['p50', 0.5],
      ['p95', 0.95],
      ['p99', 0.99],
    ] as const) {
      const exact = nearestRankPercentile(durations, q);
      expect(Math.abs(row.durationMs[key] - exact) / exact).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR + 1e-12);
    }
    expect(row.averageDurationMs).toBeCloseTo(durations.reduce((a, b) => a + b, 0) / durations.length, 6);
    const docs = await t.client.get('/api/docs-json');
    expect(docs.body.paths['/api/analytics/tools/by-tool'].get.description).toContain(`within ${(HISTOGRAM_RELATIVE_ERROR * 100).toFixed(3)} % (relative)`);
    const summary = await t.client.get(`/api/analytics/tools/summary?tool_name=index&start_date=${at(24 * 25)}&end_date=${NOW}`, owner.auth);
    expect(summary.body).toMatchObject({ totalCalls: 401, totalErrors: 1, source: 'rollup' });
  });
});
