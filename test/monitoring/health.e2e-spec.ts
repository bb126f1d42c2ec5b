import { createUser, insertAlertChannels, insertAlertDeliveries, insertJobRuns, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-11-20T12:30:00.000Z');

describe('monitoring: component health', () => {
  let t: TestApp;
  let owner: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, viaProxy: true });
    owner = await createUser(t.client, t.sql);
  });
  afterAll(async () => {
    await t.close();
  });

  it('counts pending alert deliveries as the notification backlog, all owners together', async () => {
    const user = await createUser(t.client, t.sql);
    const channel = '01a20000-0000-7000-8000-00000000c001';
    await insertAlertChannels(t.sql, [
      { id: channel, ownerId: user.id, name: 'hook', type: 'webhook', url: 'http://127.0.0.1:9/', createdAt: NOW, updatedAt: NOW },
    ]);
    const statuses = ['pending', 'pending', 'pending', 'delivered', 'failed', 'suppressed'] as const;
    for (const [i, status] of statuses.entries()) {
      await insertAlertDeliveries(t.sql, [
        {
          id: `01a20000-0000-7000-8000-00000000d00${i}`,
          ownerId: user.id,
          channelId: channel,
          event: 'firing',
          body: '{}',
          status,
          nextAttemptAt: NOW,
          createdAt: NOW,
        },
      ]);
    }
    try {
      const response = await t.client.get('/api/monitoring/health', owner.auth);
      expect(response.status).toBe(200);
      expect(response.body.notifications).toEqual({ status: 'up', backlog: 3 });
    } finally {
      await t.sql.query(`delete from alert_deliveries where channel_id = $1`, [channel]);
    }
  });

  it('reports the database and jobs, and answers 503 while a component is down', async () => {
    const ok = await t.client.get('/api/monitoring/health', owner.auth);
    expect(ok.status).toBe(200);
    expect(ok.body.status).toBe('ok');
    expect(ok.body.checkedAt).toBe(NOW.toISOString());
    expect(ok.body.database).toEqual({ status: 'up', latencyMs: expect.any(Number) });
    expect(ok.body.notifications).toEqual({ status: 'up', backlog: 0 });

    await insertJobRuns(t.sql, [
      {
        name: 'test.broken',
        intervalMs: 60000,
        lastStartedAt: '2026-11-20T12:25:00Z',
        lastFinishedAt: '2026-11-20T12:25:01Z',
        lastDurationMs: 1000,
        lastError: 'boom',
        runs: 3,
        failures: 1,
      },
    ]);
    const failing = await t.client.get('/api/monitoring/health', owner.auth);
    expect(failing.status).toBe(503);
    expect(failing.body.status).toBe('down');
    expect(failing.body.jobs.find((j: { name: string }) => j.name === 'test.broken')).toEqual({
      name: 'test.broken',
      status: 'failing',
      intervalMs: 60000,
      lastStartedAt: '2026-11-20T12:25:00.000Z',
      lastFinishedAt: '2026-11-20T12:25:01.000Z',
      lastDurationMs: 1000,
      // The owner is not an admin: the error text (which can quote SQL) is replaced by a generic reason.
      lastError: 'last run failed',
      lagMs: 240000,
      runs: 3,
      failures: 1,
    });
    await t.sql.query(`delete from job_runs where name = 'test.broken'`);

    // Last run 12:27:00 every 60 s: due 12:28:00, 150 s late at 12:30:30 — over two intervals.
    await insertJobRuns(t.sql, [
      {
        name: 'test.stalled',
        intervalMs: 60000,
        lastStartedAt: '2026-11-20T12:27:00Z',
        lastFinishedAt: '2026-11-20T12:27:00.500Z',
        lastDurationMs: 500,
        lastError: null,
        runs: 7,
        failures: 0,
      },
    ]);
    const onTime = await t.client.get('/api/monitoring/health', owner.auth);
    // 12:30:00 is 120 s late: exactly two intervals is not yet late.
    expect(onTime.status).toBe(200);
    expect(onTime.body.jobs.find((j: { name: string }) => j.name === 'test.stalled')).toMatchObject({ status: 'ok', lagMs: 120000 });
    t.clock.set('2026-11-20T12:30:30.000Z');
    try {
      const late = await t.client.get('/api/monitoring/health', owner.auth);
      expect(late.status).toBe(503);
      expect(late.body.status).toBe('down');
      expect(late.body.jobs.find((j: { name: string }) => j.name === 'test.stalled')).toEqual({
        name: 'test.stalled',
        status: 'late',
        intervalMs: 60000,
        lastStartedAt: '2026-11-20T12:27:00.000Z',
        lastFinishedAt: '2026-11-20T12:27:00.500Z',
        lastDurationMs: 500,
        lastError: null,
        lagMs: 150000,
        runs: 7,
        failures: 0,
      });
      const dashboard = await t.client.get('/api/monitoring/dashboard', owner.auth);
      expect(dashboard.status).toBe(200);
      expect(dashboard.body.health).toMatchObject({ status: 'unhealthy', jobsDown: 1 });
    } finally {
      t.clock.set(NOW);
      await t.sql.query(`delete from job_runs where name = 'test.stalled'`);
    }

    await t.proxy!.cut();
    try {
      const down = await t.client.get('/api/monitoring/health', owner.auth);
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBeDefined();
    } finally {
      await t.proxy!.restore();
    }
    expect((await t.client.get('/api/monitoring/health', owner.auth)).status).toBe(200);
  });
});
