import { createAgent, createDeployment, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { insertLlmCalls, insertToolCalls, interpolatedPercentile } from './telemetry-fixtures';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const MIN = 60_000;
const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString();

describe('deployment analytics', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let agentId: string;
  const ids: Record<string, string> = {};

  /** Creates a deployment at `createdAt` and walks it through `steps` ([status, at]) with the clock. */
  async function deploy(
    user: TestUser,
    agent: string,
    name: string,
    body: Record<string, unknown>,
    createdAt: number,
    steps: [string, number][],
  ): Promise<void> {
    t.clock.set(new Date(createdAt));
    ids[name] = (await createDeployment(t.client, user, agent, body)).id;
    for (const [status, when] of steps) {
      t.clock.set(new Date(when));
      const res = await t.client.patch(`/api/deployments/${ids[name]}`, user.auth).send({ status });
      expect(res.status).toBe(200);
    }
  }

  const configA = { replicas: 2, model: { name: 'gpt-4o', temperature: 0.2, limits: { rpm: 60 } }, tools: ['search'], region: 'eu' };
  const configB = { replicas: 3, model: { name: 'gpt-4o', temperature: 0.5, limits: { rpm: 60, tpm: 9000 } }, tools: ['search', 'fetch'], debug: true };
  const d1Finish = NOW - 10 * DAY + 5 * MIN;

  beforeAll(async () => {
    t = await startTestApp({ now: new Date(NOW) });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agentId = (await createAgent(t.client, owner)).id;
    const otherAgent = (await createAgent(t.client, other)).id;
    await deploy(owner, agentId, 'd0', { configuration: {} }, NOW - 40 * DAY, [['failed', NOW - 40 * DAY + MIN]]);
    await deploy(owner, agentId, 'd1', { configuration: configA }, NOW - 10 * DAY, [
      ['in_progress', NOW - 10 * DAY + MIN],
      ['succeeded', d1Finish],
    ]);
    await deploy(owner, agentId, 'd2', { configuration: configB }, NOW - 3 * DAY, [
      ['in_progress', NOW - 3 * DAY + MIN],
      ['failed', NOW - 3 * DAY + 11 * MIN],
    ]);
    await deploy(owner, agentId, 'd3', { environment: 'staging', configuration: {} }, NOW - DAY, [
      ['in_progress', NOW - DAY],
      ['succeeded', NOW - DAY + 2 * MIN],
    ]);
    await deploy(owner, agentId, 'd4', { configuration: {} }, NOW - 2 * 3_600_000, []);
    await deploy(other, otherAgent, 'd5', { configuration: {} }, NOW - DAY, [
      ['in_progress', NOW - DAY],
      ['succeeded', NOW - DAY + MIN],
    ]);
    t.clock.set(new Date(NOW));
  });
  afterAll(async () => {
    await t.close();
  });

  it('summarises counts by status, success rate and exact duration percentiles', async () => {
    const res = await t.client.get('/api/analytics/deployments/summary?days=30', owner.auth);
    expect(res.status).toBe(200);
    const durations = [4 * MIN, 10 * MIN, 2 * MIN];
    expect(res.body).toEqual({
      environment: null,
      days: 30,
      since: iso(NOW - 30 * DAY),
      total: 4,
      byStatus: { pending: 1, in_progress: 0, succeeded: 2, failed: 1 },
      successRate: 2 / 3,
      durationMs: { p50: 4 * MIN, p95: interpolatedPercentile(durations, 0.95), average: (16 * MIN) / 3 },
    });
    const production = await t.client.get('/api/analytics/deployments/summary?environment=production', owner.auth);
    expect(production.body).toMatchObject({ total: 3, successRate: 0.5, durationMs: { p50: 7 * MIN, p95: interpolatedPercentile([4 * MIN, 10 * MIN], 0.95) } });
    expect((await t.client.get('/api/analytics/deployments/summary?days=2', owner.auth)).body.total).toBe(2);
    expect((await t.client.get('/api/analytics/deployments/summary?days=30', admin.auth)).body.total).toBe(5);
    const bad = await t.client.get('/api/analytics/deployments/summary?days=0', owner.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('days');
  });

  it('returns contiguous day, week and month series', async () => {
    const days = await t.client.get('/api/analytics/deployments/metrics?days=10&interval=day', owner.auth);
    expect(days.status).toBe(200);
    expect(days.body).toHaveLength(11);
    expect(days.body[0].bucketStart).toBe('2026-11-12T00:00:00.000Z');
    expect(days.body[10].bucketStart).toBe('2026-11-22T00:00:00.000Z');
    const byDay = Object.fromEntries(
      days.body.map((p: { bucketStart: string; total: number; successRate: number | null }) => [p.bucketStart.slice(0, 10), [p.total, p.successRate]]),
    );
    expect(byDay).toEqual({
      '2026-11-12': [1, 1],
      '2026-11-13': [0, null],
      '2026-11-14': [0, null],
      '2026-11-15': [0, null],
      '2026-11-16': [0, null],
      '2026-11-17': [0, null],
      '2026-11-18': [0, null],
      '2026-11-19': [1, 0],
      '2026-11-20': [0, null],
      '2026-11-21': [1, 1],
      '2026-11-22': [1, null],
    });
    expect(days.body[10].byStatus).toEqual({ pending: 1, in_progress: 0, succeeded: 0, failed: 0 });
    const weeks = await t.client.get('/api/analytics/deployments/metrics?days=10&interval=week', owner.auth);
    expect(weeks.body.map((p: { bucketStart: string; total: number }) => [p.bucketStart, p.total])).toEqual([
      ['2026-11-09T00:00:00.000Z', 1],
      ['2026-11-16T00:00:00.000Z', 3],
    ]);
    const months = await t.client.get('/api/analytics/deployments/metrics?days=10&interval=month&environment=production', owner.auth);
    expect(months.body).toEqual([
      { bucketStart: '2026-11-01T00:00:00.000Z', total: 3, byStatus: { pending: 1, in_progress: 0, succeeded: 1, failed: 1 }, successRate: 0.5 },
    ]);
    expect((await t.client.get('/api/analytics/deployments/metrics?interval=year', owner.auth)).status).toBe(400);
  });

  it('compares configurations and counts the 24 h before and after each finish exactly', async () => {
    const F = d1Finish;
    // Just inside and just outside both windows of d1: [F − 24 h, F) and [F, F + 24 h).
    await insertLlmCalls(t.sql, [
      { agentId, latencyMs: 999, costUsd: 5, ts: iso(F - DAY - 1) },
      { agentId, latencyMs: 100, costUsd: 0.01, ts: iso(F - DAY) },
      { agentId, latencyMs: 300, costUsd: 0.03, status: 'error', ts: iso(F - 1) },
      { agentId, latencyMs: 200, costUsd: 0.02, ts: iso(F - 3_600_000) },
      { agentId, latencyMs: 50, costUsd: 0.004, ts: iso(F) },
      { agentId, latencyMs: 70, costUsd: 0.006, ts: iso(F + DAY - 1) },
      { agentId, latencyMs: 999, costUsd: 5, status: 'error', ts: iso(F + DAY) },
    ]);
    await insertToolCalls(t.sql, [
      { agentId, tool: 'search', durationMs: 1, status: 'error', ts: iso(F - DAY - 1) },
      { agentId, tool: 'search', durationMs: 1, status: 'error', ts: iso(F - DAY) },
      { agentId, tool: 'search', durationMs: 1, ts: iso(F - 1) },
      { agentId, tool: 'search', durationMs: 1, status: 'error', ts: iso(F) },
      { agentId, tool: 'search', durationMs: 1, status: 'error', ts: iso(F + DAY) },
    ]);

    const res = await t.client.get(`/api/analytics/deployments/compare?a=${ids.d1}&b=${ids.d2}`, owner.auth);
    expect(res.status).toBe(200);
    expect(res.body.configurationDiff).toEqual({
      added: [
        { path: 'debug', value: true },
        { path: 'model.limits.tpm', value: 9000 },
      ],
      removed: [{ path: 'region', value: 'eu' }],
      changed: [
        { path: 'model.temperature', oldValue: 0.2, newValue: 0.5 },
        { path: 'replicas', oldValue: 2, newValue: 3 },
        { path: 'tools', oldValue: ['search'], newValue: ['search', 'fetch'] },
      ],
    });
    const a = res.body.a;
    expect(a).toMatchObject({ id: ids.d1, status: 'succeeded', error: null, finishedAt: iso(F), durationMs: 4 * MIN });
    expect(a.before).toMatchObject({ start: iso(F - DAY), end: iso(F), llmCalls: 3, llmErrors: 1, toolCalls: 2, toolErrors: 1, errorRate: 2 / 5 });
    expect(a.before.llmLatencyP95Ms).toBeCloseTo(interpolatedPercentile([100, 300, 200], 0.95), 9);
    expect(a.before.costUsd).toBeCloseTo(0.06, 12);
    expect(a.before.costPerCall).toBeCloseTo(0.02, 12);
    expect(a.after).toMatchObject({ start: iso(F), end: iso(F + DAY), llmCalls: 2, llmErrors: 0, toolCalls: 1, toolErrors: 1, errorRate: 1 / 3 });
    expect(a.after.llmLatencyP95Ms).toBeCloseTo(interpolatedPercentile([50, 70], 0.95), 9);
    expect(a.after.costUsd).toBeCloseTo(0.01, 12);
    expect(a.after.costPerCall).toBeCloseTo(0.005, 12);
    expect(res.body.b).toMatchObject({ id: ids.d2, status: 'failed', durationMs: 10 * MIN });
    expect(res.body.b.before).toMatchObject({ llmCalls: 0, toolCalls: 0, errorRate: null, llmLatencyP95Ms: null, costUsd: 0, costPerCall: null });
  });

  it('answers null windows for an unfinished deployment and 404 for someone else’s', async () => {
    const res = await t.client.get(`/api/analytics/deployments/compare?a=${ids.d3}&b=${ids.d4}`, owner.auth);
    expect(res.body.b).toMatchObject({ status: 'pending', finishedAt: null, durationMs: null, before: null, after: null });
    expect((await t.client.get(`/api/analytics/deployments/compare?a=${ids.d1}&b=${ids.d5}`, owner.auth)).status).toBe(404);
    expect((await t.client.get(`/api/analytics/deployments/compare?a=${ids.d1}&b=${ids.d5}`, admin.auth)).status).toBe(200);
    const bad = await t.client.get(`/api/analytics/deployments/compare?a=${ids.d1}&b=nope`, owner.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('b must be a UUID');
  });
});
