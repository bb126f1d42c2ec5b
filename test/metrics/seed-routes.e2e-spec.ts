import { JobScheduler } from '@fleetwatch/database';
import { HEARTBEAT_JOB } from '@fleetwatch/metrics';
import { ROLLUP_JOB } from '@fleetwatch/rollups';
import { createAgent, createDeployment, createUser, insertEvents, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { insertLlmCalls, insertSamples, insertToolCalls } from './metrics-support';

const NOW = '2026-11-22T12:30:00Z';

describe('metrics seed routes (000, 004, 003)', () => {
  let t: TestApp;
  let owner: TestUser;
  let lonely: TestUser;
  let empty: TestUser;
  let admin: TestUser;
  let a: TestAgent;
  let b: TestAgent;

  const event = async (agentId: string | null, type: string, metadata: object, ts: string): Promise<void> => {
    await insertEvents(t.sql, [{ ownerId: owner.id, agentId, type, message: 'test', metadata, actor: 'agent', ts }]);
  };

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-22T00:00:00Z' });
    owner = await createUser(t.client, t.sql);
    lonely = await createUser(t.client, t.sql);
    empty = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    await t.sql.query(`update users set plan = 'label' where id = $1`, [owner.id]);
    a = await createAgent(t.client, owner);
    b = await createAgent(t.client, owner);
    const c = await createAgent(t.client, lonely);
    t.clock.set('2026-11-22T06:30:00Z');
    expect((await t.client.patch(`/api/agents/${a.id}`, owner.auth).send({ status: 'running' })).status).toBe(200);
    const deployment = await createDeployment(t.client, owner, b.id);
    expect((await t.client.patch(`/api/deployments/${deployment.id}`, owner.auth).send({ status: 'in_progress' })).status).toBe(200);
    expect((await t.client.patch(`/api/deployments/${deployment.id}`, owner.auth).send({ status: 'failed', error: 'boom' })).status).toBe(200);

    await insertSamples(t.sql, a.id, [
      { type: 'cpu', value: 10, ts: '2026-11-22T10:05:00Z' },
      { type: 'cpu', value: 30, ts: '2026-11-22T10:55:00Z' },
      { type: 'memory', value: 40, ts: '2026-11-22T10:10:00Z' },
      { type: 'messages', value: 5, ts: '2026-11-22T10:20:00Z' },
      { type: 'errors', value: 1, ts: '2026-11-22T10:50:00Z' },
      { type: 'cpu', value: 20, ts: '2026-11-22T12:10:00Z' },
      { type: 'messages', value: 3, ts: '2026-11-22T12:15:00Z' },
      { type: 'cpu', value: 99, ts: '2026-11-20T10:00:00Z' },
      { type: 'messages', value: 100, ts: '2026-11-17T09:00:00Z' },
      { type: 'messages', value: 1000, ts: '2026-11-03T09:00:00Z' },
      { type: 'messages', value: 5000, ts: '2026-10-31T09:00:00Z' },
    ]);
    await insertSamples(t.sql, b.id, [
      { type: 'cpu', value: 50, ts: '2026-11-22T10:30:00Z' },
      { type: 'messages', value: 7, ts: '2026-11-22T10:40:00Z' },
    ]);
    await insertSamples(t.sql, c.id, [
      { type: 'messages', value: 4, ts: '2026-11-20T07:00:00Z' },
      { type: 'cpu', value: 60, ts: '2026-11-20T08:00:00Z' },
      { type: 'memory', value: 70, ts: '2026-11-20T09:00:00Z' },
    ]);
    await insertLlmCalls(t.sql, a.id, [
      { latencyMs: 100, inputTokens: 10, outputTokens: 5, traceId: 't1', ts: '2026-11-22T12:00:00Z' },
      { latencyMs: 300, inputTokens: 20, outputTokens: 10, traceId: 't1', status: 'error', ts: '2026-11-22T12:05:00Z' },
      { latencyMs: 500, inputTokens: 100, outputTokens: 50, ts: '2026-11-20T09:00:00Z' },
    ]);
    await insertToolCalls(t.sql, a.id, [
      { durationMs: 40, status: 'error', errorType: 'timeout', ts: '2026-11-22T12:10:00Z' },
      { durationMs: 60, traceId: 't1', ts: '2026-11-22T11:00:00Z' },
    ]);

    await event(a.id, 'revenue', { amountUsd: 1000.25 }, '2026-11-05T10:00:00Z');
    await event(a.id, 'revenue', { amountUsd: 234.25 }, '2026-11-20T10:00:00Z');
    await event(a.id, 'revenue', { amountUsd: 1000 }, '2026-10-10T10:00:00Z');
    for (const status of ['completed', 'completed', 'pending', 'inquiry', 'inquiry']) await event(a.id, 'booking', { status }, '2026-11-06T10:00:00Z');
    await event(a.id, 'fan', { segment: 'superfan', active: true }, '2026-11-07T10:00:00Z');
    await event(a.id, 'fan', { segment: 'casual', active: false }, '2026-11-07T11:00:00Z');
    await event(a.id, 'fan', { segment: 'new', active: true }, '2026-11-08T10:00:00Z');
    await event(a.id, 'fan', { segment: 'casual', active: true }, '2026-10-07T10:00:00Z');
    await event(a.id, 'fan', { segment: 'new', active: false }, '2026-10-08T10:00:00Z');
    await event(a.id, 'streams', { monthlyListeners: 100, monthlyStreams: 1000 }, '2026-10-20T10:00:00Z');
    await event(a.id, 'streams', { monthlyListeners: 200, monthlyStreams: 1100 }, '2026-11-10T10:00:00Z');
    await event(b.id, 'streams', { monthlyListeners: 50, monthlyStreams: 500 }, '2026-10-25T10:00:00Z');
    await event(a.id, 'skill', { name: 'mixing', status: 'active' }, '2026-10-01T10:00:00Z');
    await event(a.id, 'skill', { name: 'mastering', status: 'active' }, '2026-10-02T10:00:00Z');
    await event(a.id, 'skill', { name: 'mastering', status: 'inactive' }, '2026-11-03T10:00:00Z');
    await event(a.id, 'skill', { name: 'booking', status: 'active' }, '2026-11-04T10:00:00Z');

    const scheduler = t.get(JobScheduler);
    for (const minute of ['2026-11-22T12:27:00Z', '2026-11-22T12:28:10Z']) {
      t.clock.set(minute);
      await scheduler.runNow(HEARTBEAT_JOB);
    }
    t.clock.set(NOW);
    await scheduler.runNow(ROLLUP_JOB);
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('GET /api/metrics/:userId/historical', () => {
    it('answers hourly points over the user’s agents with exact means, sums and averages (24h)', async () => {
      const res = await t.client.get(`/api/metrics/${owner.id}/historical?range=24h`, owner.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        userId: owner.id,
        timeRange: '24h',
        metrics: [
          { timestamp: '2026-11-22T10:00:00.000Z', cpu: 30, memory: 40, messages: 12, errors: 1 },
          { timestamp: '2026-11-22T12:00:00.000Z', cpu: 20, memory: 0, messages: 3, errors: 0 },
        ],
        averages: { cpu: 25, memory: 20, messages: 7.5, errors: 0.5 },
      });
    });

    it('defaults to 24h and reaches further back for 7d', async () => {
      const def = await t.client.get(`/api/metrics/${owner.id}/historical`, owner.auth);
      expect(def.body.timeRange).toBe('24h');
      expect(def.body.metrics).toHaveLength(2);
      const week = await t.client.get(`/api/metrics/${owner.id}/historical?range=7d`, owner.auth);
      expect(week.body.metrics.map((p: { timestamp: string }) => p.timestamp)).toEqual([
        '2026-11-17T09:00:00.000Z',
        '2026-11-20T10:00:00.000Z',
        '2026-11-22T10:00:00.000Z',
        '2026-11-22T12:00:00.000Z',
      ]);
      expect(week.body.averages).toEqual({ cpu: 37.25, memory: 10, messages: 28.75, errors: 0.25 });
    });

    it('falls back to one point from the latest samples, or nothing at all', async () => {
      const res = await t.client.get(`/api/metrics/${lonely.id}/historical?range=24h`, lonely.auth);
      expect(res.body.metrics).toEqual([{ timestamp: '2026-11-20T09:00:00.000Z', cpu: 60, memory: 70, messages: 4, errors: 0 }]);
      expect(res.body.averages).toEqual({ cpu: 60, memory: 70, messages: 4, errors: 0 });
      const none = await t.client.get(`/api/metrics/${empty.id}/historical`, empty.auth);
      expect(none.body).toEqual({ userId: empty.id, timeRange: '24h', metrics: [], averages: { cpu: 0, memory: 0, messages: 0, errors: 0 } });
    });

    it('refuses a bad range naming it, another user’s id with 403, and lets admins read anyone', async () => {
      const bad = await t.client.get(`/api/metrics/${owner.id}/historical?range=1y`, owner.auth);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.message)).toContain('range');
      expect((await t.client.get(`/api/metrics/${owner.id}/historical`, lonely.auth)).status).toBe(403);
      const byAdmin = await t.client.get(`/api/metrics/${owner.id}/historical`, admin.auth);
      expect(byAdmin.status).toBe(200);
      expect(byAdmin.body.averages.cpu).toBe(25);
      expect((await t.client.get(`/api/metrics/00000000-0000-7000-8000-000000000000/historical`, admin.auth)).status).toBe(404);
    });
  });

  it('GET /api/metrics/:userId/performance: latest samples per agent and the last hour’s calls', async () => {
    const res = await t.client.get(`/api/metrics/${owner.id}/performance`, owner.auth);
    expect(res.status).toBe(200);
    // cpu: latest of a (20) and b (50); memory: a only; calls 11:30–12:30: 2 LLM (1 error) + 1 tool (error).
    expect(res.body).toEqual({ cpu: 35, memory: 40, errorRate: 66.67, responseTime: 200 });
  });

  it('GET /api/metrics/:userId/summary: the music-industry summary from domain events', async () => {
    const res = await t.client.get(`/api/metrics/${owner.id}/summary`, owner.auth);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      revenue: { month: '$1,234.50', total: '$2,234.50', change: '+23%' },
      bookings: { completed: 2, pending: 1, conversion: '40%' },
      fans: { total: 5, active: 3, growth: '+50%', segmentation: { superfans: 1, casual: 2, new: 2 } },
      streams: { monthlyListeners: 250, monthlyStreams: 1600, growth: '+7%' },
      skills: { active: 2, total: 3, growth: '+0%' },
    });
  });

  it('GET /api/metrics: every field computed from stored data', async () => {
    const res = await t.client.get('/api/metrics', owner.auth);
    expect(res.status).toBe(200);
    const { rows } = await t.sql.query(`select count(*)::int as n from events where owner_id = $1`, [owner.id]);
    const usedMb = Math.round(((13 * 160 + 2 * 230 + 2 * 170 + rows[0].n * 260) / 1048576) * 100) / 100;
    expect(res.body).toEqual({
      metrics: {
        agents: { total: 2, active: 1, inactive: 0, failed: 1 },
        messages: { today: 15, thisWeek: 115, thisMonth: 1115 },
        deployments: { total: 1, successful: 0, failed: 1 },
        // a: running from 06:30 to 12:30 of a window from 00:00 (48 %); b never running.
        uptime: { platformUptime: 75, averageAgentUptime: 24 },
        performance: { averageResponseTime: 200, successRate: 50, errorRate: 50, cpu: 27.5, memory: 40 },
        storage: { used: usedMb, total: 20480, percentUsed: Math.round((usedMb / 20480) * 10000) / 100 },
      },
      timestamp: '2026-11-22T12:30:00.000Z',
      status: 'ok',
      plan: 'label',
    });
  });

  it('GET /api/metrics as an admin counts every agent', async () => {
    const res = await t.client.get('/api/metrics', admin.auth);
    expect(res.body.metrics.agents).toEqual({ total: 3, active: 1, inactive: 1, failed: 1 });
    expect(res.body.plan).toBeNull();
    expect(res.body.metrics.storage.total).toBe(1024);
  });

  describe('GET /api/agents/:id/metrics', () => {
    it('lists raw samples of a type in a range, oldest first', async () => {
      const res = await t.client.get(`/api/agents/${a.id}/metrics?type=cpu&since=2026-11-22T10:00:00Z&until=2026-11-22T11:00:00Z`, owner.auth);
      expect(res.status).toBe(200);
      expect(res.body.map((r: Record<string, unknown>) => ({ ...r, id: typeof r.id }))).toEqual([
        { id: 'string', agent_id: a.id, metric_type: 'cpu', value: 10, metadata: {}, recorded_at: '2026-11-22T10:05:00.000Z' },
        { id: 'string', agent_id: a.id, metric_type: 'cpu', value: 30, metadata: {}, recorded_at: '2026-11-22T10:55:00.000Z' },
      ]);
    });

    it('shows LLM calls as tokens records and honours the defaults and limit', async () => {
      const tokens = await t.client.get(`/api/agents/${a.id}/metrics?type=tokens`, owner.auth);
      expect(
        tokens.body.map((r: { value: number; metadata: { model: string; trace_id: string } }) => [r.value, r.metadata.model, r.metadata.trace_id]),
      ).toEqual([
        [15, 'gpt-4o', 't1'],
        [30, 'gpt-4o', 't1'],
      ]);
      const full = await t.client.get(`/api/agents/${a.id}/metrics`, owner.auth);
      expect(full.body.length).toBeGreaterThan(3);
      const all = await t.client.get(`/api/agents/${a.id}/metrics?limit=3`, owner.auth);
      // The newest three, still oldest first.
      expect(all.body).toEqual(full.body.slice(-3));
      const times = all.body.map((r: { recorded_at: string }) => r.recorded_at);
      expect(times).toEqual([...times].sort());
      const bad = await t.client.get(`/api/agents/${a.id}/metrics?limit=10001`, owner.auth);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.message)).toContain('limit');
      const reversed = await t.client.get(`/api/agents/${a.id}/metrics?since=2026-11-22T11:00:00Z&until=2026-11-22T10:00:00Z`, owner.auth);
      expect(reversed.status).toBe(400);
    });

    it('summarises LLM use from rollups and raw calls', async () => {
      const res = await t.client.get(`/api/agents/${a.id}/metrics/summary`, owner.auth);
      expect(res.body).toEqual({ total_tokens: 195, total_requests: 3, avg_response_ms: 300, last_active_at: '2026-11-22T12:15:00.000Z' });
      const quiet = await t.client.get(`/api/agents/${b.id}/metrics/summary`, owner.auth);
      expect(quiet.body).toEqual({ total_tokens: 0, total_requests: 0, avg_response_ms: 0, last_active_at: '2026-11-22T10:40:00.000Z' });
    });

    it('hides another user’s agent with 404', async () => {
      expect((await t.client.get(`/api/agents/${a.id}/metrics`, lonely.auth)).status).toBe(404);
      expect((await t.client.get(`/api/agents/${a.id}/metrics/summary`, lonely.auth)).status).toBe(404);
    });
  });

  describe('GET /api/v1/agents/:account/:name/observability/metrics', () => {
    const path = (): string => `/api/v1/agents/${owner.username}/${a.name}/observability/metrics`;

    it('answers contiguous zero-filled buckets with distinct traces', async () => {
      const res = await t.client.get(`${path()}?start_time=2026-11-22T09:00:00Z&end_time=2026-11-22T12:30:00Z`, owner.auth);
      expect(res.status).toBe(200);
      const zero = { trace_count: 0, avg_latency_ms: 0, input_tokens: 0, output_tokens: 0, error_count: 0 };
      expect(res.body).toEqual({
        buckets: [
          { timestamp: '2026-11-22T09:00:00.000Z', ...zero },
          { timestamp: '2026-11-22T10:00:00.000Z', ...zero },
          { timestamp: '2026-11-22T11:00:00.000Z', ...zero, trace_count: 1 },
          { timestamp: '2026-11-22T12:00:00.000Z', trace_count: 2, avg_latency_ms: 200, input_tokens: 30, output_tokens: 15, error_count: 2 },
        ],
        time_range: { start: '2026-11-22T09:00:00.000Z', end: '2026-11-22T13:00:00.000Z' },
        interval_minutes: 60,
      });
    });

    it('aligns odd intervals to the epoch, defaults to the last 24 h, and refuses more than 10,000 buckets', async () => {
      const odd = await t.client.get(`${path()}?start_time=2026-11-22T11:50:00Z&end_time=2026-11-22T12:30:00Z&interval=7`, owner.auth);
      const starts = odd.body.buckets.map((bucket: { timestamp: string }) => Date.parse(bucket.timestamp));
      expect(starts.every((s: number) => s % 420_000 === 0)).toBe(true);
      expect(starts.slice(1).every((s: number, i: number) => s - starts[i] === 420_000)).toBe(true);
      expect(odd.body.buckets.reduce((n: number, bucket: { error_count: number }) => n + bucket.error_count, 0)).toBe(2);
      const def = await t.client.get(path(), owner.auth);
      expect(def.body.buckets).toHaveLength(25);
      expect(def.body.time_range).toEqual({ start: '2026-11-21T12:00:00.000Z', end: '2026-11-22T13:00:00.000Z' });
      const many = await t.client.get(`${path()}?start_time=2026-10-01T00:00:00Z&end_time=2026-11-22T00:00:00Z&interval=1`, owner.auth);
      expect(many.status).toBe(400);
      expect(many.body.message).toContain('10000');
      expect((await t.client.get(`${path()}?interval=0`, owner.auth)).status).toBe(400);
    });

    it('answers 403 for another account, 404 for an unknown agent, and lets admins in', async () => {
      expect((await t.client.get(path(), lonely.auth)).status).toBe(403);
      expect((await t.client.get(`/api/v1/agents/${owner.username}/no-such-agent/observability/metrics`, owner.auth)).status).toBe(404);
      expect((await t.client.get(path(), admin.auth)).status).toBe(200);
    });
  });
});
