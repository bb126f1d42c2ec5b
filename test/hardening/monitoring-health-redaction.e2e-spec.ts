import { createUser, insertJobRuns, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-12-01T12:30:00.000Z');
const SQL_ERROR = 'INSERT INTO agent_rollups_hourly (agent_id, hour) select … - duplicate key value violates unique constraint "agent_rollups_hourly_pkey"';

describe('hardening: /api/monitoring/health shows job and database errors to admins only', () => {
  let t: TestApp;
  let user: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, viaProxy: true });
    user = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    await insertJobRuns(t.sql, [
      {
        name: 'test.sql-failure',
        intervalMs: 60000,
        lastStartedAt: '2026-12-01T12:29:00Z',
        lastFinishedAt: '2026-12-01T12:29:01Z',
        lastDurationMs: 1000,
        lastError: SQL_ERROR,
        runs: 4,
        failures: 2,
      },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const job = (body: { jobs: { name: string }[] }) => body.jobs.find((j) => j.name === 'test.sql-failure');
  const expected = (lastError: string) => ({
    name: 'test.sql-failure',
    status: 'failing',
    intervalMs: 60000,
    lastStartedAt: '2026-12-01T12:29:00.000Z',
    lastFinishedAt: '2026-12-01T12:29:01.000Z',
    lastDurationMs: 1000,
    lastError,
    lagMs: 0,
    runs: 4,
    failures: 2,
  });

  it('gives a user the generic reason and an admin the error text', async () => {
    const forUser = await t.client.get('/api/monitoring/health', user.auth);
    expect(forUser.status).toBe(503);
    expect(job(forUser.body)).toEqual(expected('last run failed'));
    expect(JSON.stringify(forUser.body)).not.toContain('agent_rollups_hourly');

    const forAdmin = await t.client.get('/api/monitoring/health', admin.auth);
    expect(forAdmin.status).toBe(503);
    expect(job(forAdmin.body)).toEqual(expected(SQL_ERROR));
  });

  it('keeps healthy jobs at lastError null for both', async () => {
    await insertJobRuns(t.sql, [
      {
        name: 'test.healthy',
        intervalMs: 60000,
        lastStartedAt: '2026-12-01T12:29:30Z',
        lastFinishedAt: '2026-12-01T12:29:31Z',
        lastDurationMs: 1000,
        lastError: null,
        runs: 1,
        failures: 0,
      },
    ]);
    for (const caller of [user, admin]) {
      const res = await t.client.get('/api/monitoring/health', caller.auth);
      expect(res.body.jobs.find((j: { name: string }) => j.name === 'test.healthy')).toMatchObject({ status: 'ok', lastError: null });
    }
  });

  it('answers the generic 503 while the database is unreachable, without the driver message', async () => {
    await t.proxy!.cut();
    try {
      // Authenticating needs the database, so the generic outage answer comes before the report.
      const forUser = await t.client.get('/api/monitoring/health', user.auth);
      expect(forUser.status).toBe(503);
      expect(forUser.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'database_unavailable',
        message: 'The database is unavailable; retry later.',
      });
    } finally {
      await t.proxy!.restore();
    }
  });
});
