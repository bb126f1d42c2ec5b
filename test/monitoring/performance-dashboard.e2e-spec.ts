import { register } from 'prom-client';
import { JobScheduler } from '@fleetwatch/database';
import { ROLLUP_JOB } from '@fleetwatch/rollups';
import { RequestLogBuffer } from '@fleetwatch/monitoring';
import {
  createAgent,
  createUser,
  insertAlertRules,
  insertAlerts,
  insertApiRequests,
  insertLlmCalls,
  insertSamples,
  insertToolCalls,
  TestAgent,
  TestUser,
} from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-11-20T12:30:00.000Z');

/** The entry is taken when the response has finished on the server side; wait for that, not for time. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 10_000 && !condition(); i++) await new Promise((resolve) => setImmediate(resolve));
  if (!condition()) throw new Error('condition never became true');
}

describe('monitoring: request log, performance, dashboard, gauges', () => {
  let t: TestApp;
  let buffer: RequestLogBuffer;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    // A flush interval far longer than the test: only explicit flushes write.
    t = await startTestApp({ now: NOW, viaProxy: true, env: { REQUEST_LOG_FLUSH_MS: '3600000' } });
    buffer = t.get(RequestLogBuffer);
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    await t.sql.query(
      `select fw_ensure_daily_partitions(p, '2026-11-19', '2026-11-21') from unnest(array['llm_calls', 'tool_calls', 'metric_samples', 'api_requests']) p`,
    );
    await buffer.flush();
    await t.sql.query(`delete from api_requests`);
  });
  afterAll(async () => {
    await t.close();
  });

  it('records requests off the request path and shows them after a flush, each user their own', async () => {
    const before = buffer.pending();
    expect((await t.client.get('/api/agents', owner.auth)).status).toBe(200);
    expect((await t.client.get('/api/agents/00000000-0000-7000-8000-000000000000', owner.auth)).status).toBe(404);
    expect((await t.client.get('/api/agents')).status).toBe(401);
    await until(() => buffer.pending() >= before + 3);
    // The responses are out and nothing is written yet: the requests did not wait for the insert.
    expect((await t.sql.query(`select count(*)::int as n from api_requests`)).rows[0].n).toBe(0);

    const written = await buffer.flush();
    expect(written).toBe(before + 3);
    const stored = await t.sql.query(`select route, status, duration_ms, user_id from api_requests where user_id = $1 order by route desc`, [owner.id]);
    expect(stored.rows.map((r) => [r.route, r.status])).toEqual([
      ['/api/agents/:id', 404],
      ['/api/agents', 200],
    ]);

    const mine = await t.client.get('/api/monitoring/performance', owner.auth);
    expect(mine.status).toBe(200);
    expect(mine.body).toEqual(
      expect.arrayContaining(
        stored.rows.map((r) => ({
          value: Number(r.duration_ms),
          metadata: { method: 'GET', path: r.route, status: r.status },
          recorded_at: NOW.toISOString(),
        })),
      ),
    );
    expect(mine.body).toHaveLength(2);
    expect((await t.client.get('/api/monitoring/performance', other.auth)).body).toEqual([]);
    const all = await t.client.get('/api/monitoring/performance', admin.auth);
    expect(all.body.map((r: { metadata: { status: number } }) => r.metadata.status).sort()).toEqual([200, 401, 404]);
    expect((await t.client.get('/api/monitoring/performance?since=2026-11-20T12:30:00.001Z', admin.auth)).body).toEqual([]);
    const bad = await t.client.get('/api/monitoring/performance?since=yesterday', owner.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('since');
  });

  it('answers requests while a flush is blocked on the database', async () => {
    await until(() => buffer.pending() > 0);
    const blocker = t.sql;
    await blocker.query('begin');
    await blocker.query('lock table api_requests in access exclusive mode');
    let flushed = false;
    const flush = buffer.flush().then((n) => {
      flushed = true;
      return n;
    });
    try {
      const response = await t.client.get('/api/agents', owner.auth);
      expect(response.status).toBe(200);
      expect(flushed).toBe(false);
    } finally {
      await blocker.query('commit');
    }
    expect(await flush).toBeGreaterThan(0);
  });

  it('keeps buffered timings through a database outage and writes them once it is back', async () => {
    await buffer.flush();
    const entry = (n: number) => ({ userId: other.id, method: 'GET', route: `/api/outage/${n}`, status: 200, durationMs: n, ts: NOW });
    await t.proxy!.cut();
    try {
      buffer.record(entry(1));
      buffer.record(entry(2));
      expect(await buffer.flush()).toBe(0);
      buffer.record(entry(3));
      expect(buffer.pending()).toBe(3);
    } finally {
      await t.proxy!.restore();
    }
    expect(await buffer.flush()).toBe(3);
    const rows = await t.sql.query(`select route, duration_ms from api_requests where route like '/api/outage/%' order by duration_ms`);
    expect(rows.rows).toEqual([1, 2, 3].map((n) => ({ route: `/api/outage/${n}`, duration_ms: n })));
    await t.sql.query(`delete from api_requests where route like '/api/outage/%'`);
  });

  describe('dashboard', () => {
    let user: TestUser;
    let busy: TestAgent;
    let broken: TestAgent;

    beforeAll(async () => {
      user = await createUser(t.client, t.sql);
      busy = await createAgent(t.client, user, { name: 'busy' });
      broken = await createAgent(t.client, user, { name: 'broken' });
      await t.sql.query(`update agents set status = 'running', last_seen_at = $2, last_sample_at = $2 where id = $1`, [busy.id, NOW]);
      await t.sql.query(`update agents set status = 'error' where id = $1`, [broken.id]);
      const sample = (type: string, value: number, ts: string) => insertSamples(t.sql, [{ agentId: busy.id, type, value, ts }]);
      await sample('cpu', 10, '2026-11-20T10:15:00Z');
      await sample('cpu', 20, '2026-11-20T10:45:00Z');
      await sample('cpu', 50, '2026-11-20T12:28:00Z');
      await sample('memory', 40, '2026-11-20T12:29:00Z');
      const llm = (latency: number, status: 'success' | 'error', ts: string) =>
        insertLlmCalls(t.sql, [
          { agentId: busy.id, model: 'gpt-4o', inputTokens: 1, outputTokens: 1, latencyMs: latency, status, costUsd: 0.5, rateSource: 'client', ts },
        ]);
      await llm(100, 'success', '2026-11-20T10:30:00Z');
      await llm(300, 'error', '2026-11-20T12:10:00Z');
      await llm(500, 'success', '2026-11-20T12:20:00Z');
      await insertToolCalls(t.sql, [{ agentId: busy.id, tool: 'search', durationMs: 10, status: 'error', ts: '2026-11-20T12:05:00Z' }]);
      const ruleId = '01a20000-0000-7000-8000-00000000a001';
      await insertAlertRules(t.sql, [
        {
          id: ruleId,
          ownerId: user.id,
          name: 'cpu high',
          metric: 'cpu',
          aggregation: 'avg',
          comparator: 'gt',
          threshold: 80,
          windowMinutes: 5,
          forMinutes: 0,
          keepFiringForMinutes: 0,
          noData: 'ok',
          severity: 'critical',
          createdAt: NOW,
          updatedAt: NOW,
        },
      ]);
      for (const [id, status] of [
        ['01a20000-0000-7000-8000-00000000b001', 'firing'],
        ['01a20000-0000-7000-8000-00000000b002', 'resolved'],
      ] as const) {
        const at = '2026-11-20T12:00:00Z';
        await insertAlerts(t.sql, [
          { id, ruleId, agentId: busy.id, ownerId: user.id, status, severity: 'critical', value: 95, threshold: 80, startedAt: at, firedAt: at },
        ]);
      }
      for (const [route, ms, status] of [
        ['/api/x', 10, 200],
        ['/api/x', 20, 200],
        ['/api/x', 30, 200],
        ['/api/x', 40, 200],
        ['/api/y', 5, 500],
      ] as const) {
        await insertApiRequests(t.sql, [{ userId: user.id, method: 'GET', route, status, durationMs: ms, ts: '2026-11-20T12:00:00Z' }]);
      }
      // Complete hours of the trends come from the hourly rollups: one pass, as the job would do.
      await t.get(JobScheduler).runNow(ROLLUP_JOB);
    });

    it('computes current figures, hourly trends, troubled agents and slowest endpoints from the rows', async () => {
      const response = await t.client.get('/api/monitoring/dashboard?hours=3', user.auth);
      expect(response.status).toBe(200);
      const body = response.body;
      expect(body.generatedAt).toBe(NOW.toISOString());
      expect(body.hours).toBe(3);
      expect(body.health).toEqual({ status: 'degraded', database: 'up', databaseLatencyMs: expect.any(Number), jobsDown: 0, agentsNeedingAttention: 1 });
      expect(body.current).toEqual({
        agentsTotal: 2,
        agentsRunning: 1,
        agentsError: 1,
        cpuPercent: 50,
        memoryPercent: 40,
        llmCallsLastHour: 2,
        llmErrorRateLastHour: 0.5,
        llmLatencyMsLastHour: 400,
        apiRequestsLastHour: 5,
        apiP95MsLastHour: 38,
      });
      expect(body.trends).toEqual([
        { hour: '2026-11-20T10:00:00.000Z', cpu: 15, memory: null, latencyMs: 100, errors: 0 },
        { hour: '2026-11-20T11:00:00.000Z', cpu: null, memory: null, latencyMs: null, errors: 0 },
        { hour: '2026-11-20T12:00:00.000Z', cpu: 50, memory: 40, latencyMs: 400, errors: 2 },
      ]);
      expect(body.activeAlerts).toEqual([
        expect.objectContaining({
          id: '01a20000-0000-7000-8000-00000000b001',
          ruleName: 'cpu high',
          agentId: busy.id,
          status: 'firing',
          severity: 'critical',
          value: 95,
          threshold: 80,
        }),
      ]);
      const stranger = (await t.client.get('/api/monitoring/dashboard?hours=3', owner.auth)).body;
      expect(stranger.activeAlerts).toEqual([]);
      expect(stranger.troubledAgents).toEqual([]);
      expect(stranger.trends.map((p: { cpu: number | null; latencyMs: number | null; errors: number }) => [p.cpu, p.latencyMs, p.errors])).toEqual([
        [null, null, 0],
        [null, null, 0],
        [null, null, 0],
      ]);
      const all = (await t.client.get('/api/monitoring/dashboard?hours=3', admin.auth)).body;
      expect(all.trends).toEqual(body.trends);
      expect(all.troubledAgents).toEqual(body.troubledAgents);
      expect(body.troubledAgents).toEqual([
        { agentId: broken.id, name: 'broken', status: 'error', calls: 0, errors: 0, errorRate: 0 },
        { agentId: busy.id, name: 'busy', status: 'running', calls: 4, errors: 2, errorRate: 0.5 },
      ]);
      expect(body.slowestEndpoints).toEqual([
        { method: 'GET', path: '/api/x', requests: 4, avgMs: 25, p95Ms: 38.5, serverErrors: 0 },
        { method: 'GET', path: '/api/y', requests: 1, avgMs: 5, p95Ms: 5, serverErrors: 1 },
      ]);
      // A late sample for 10:00 shows once the rollup job has passed over that hour; the current hour reads raw rows at once.
      await insertSamples(t.sql, [
        { agentId: busy.id, type: 'cpu', value: 30, ts: '2026-11-20T10:50:00Z' },
        { agentId: busy.id, type: 'cpu', value: 20, ts: '2026-11-20T12:29:00Z' },
      ]);
      const stale = await t.client.get('/api/monitoring/dashboard?hours=3', user.auth);
      expect(stale.body.trends.map((p: { cpu: number | null }) => p.cpu)).toEqual([15, null, 35]);
      await t.get(JobScheduler).runNow(ROLLUP_JOB);
      const fresh = await t.client.get('/api/monitoring/dashboard?hours=3', user.auth);
      expect(fresh.body.trends.map((p: { cpu: number | null }) => p.cpu)).toEqual([20, null, 35]);
      await t.sql.query(`delete from metric_samples where agent_id = $1 and value in (30, 20) and ts in ('2026-11-20T10:50:00Z', '2026-11-20T12:29:00Z')`, [
        busy.id,
      ]);
      await t.get(JobScheduler).runNow(ROLLUP_JOB);

      const bad = await t.client.get('/api/monitoring/dashboard?hours=0', user.auth);
      expect(bad.status).toBe(400);
      expect(JSON.stringify(bad.body.message)).toContain('hours');
    });

    it('exposes agents by status and month-to-date cost as Prometheus gauges', async () => {
      const text = (await register.getMetricsAsJSON()).filter((m) => m.name.startsWith('fleetwatch_agents') || m.name === 'fleetwatch_month_to_date_cost_usd');
      const agents = text.find((m) => m.name === 'fleetwatch_agents')!;
      const byStatus = Object.fromEntries(agents.values.map((v) => [v.labels.status, v.value]));
      expect(byStatus).toEqual({ queued: 0, deploying: 0, running: 1, warning: 0, error: 1, stopped: 0 });
      expect(text.find((m) => m.name === 'fleetwatch_month_to_date_cost_usd')!.values[0].value).toBe(1.5);
      const exposition = await t.client.get('/metrics');
      expect(exposition.status).toBe(200);
      expect(exposition.text).toContain('fleetwatch_agents{status="running"} 1\n');
      expect(exposition.text).toContain('fleetwatch_agents{status="error"} 1\n');
      expect(exposition.text).toContain('fleetwatch_month_to_date_cost_usd 1.5\n');
    });
  });
});
