import { startTestApp, TestApp } from './support/test-app';

describe('health', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ viaProxy: true });
  });
  afterAll(async () => {
    await t.close();
  });

  it('is live and ready on a migrated database', async () => {
    const live = await t.client.get('/health/live');
    expect(live.status).toBe(200);
    expect(live.body.status).toBe('ok');
    const ready = await t.client.get('/health/ready');
    expect(ready.status).toBe(200);
    expect(ready.body.details).toEqual({
      database: { status: 'up' },
      migrations: { status: 'up', pending: 0 },
      shutdown: { status: 'up', shuttingDown: false },
    });
  });

  it('answers 503 with Retry-After while PostgreSQL is unreachable, and recovers without a restart', async () => {
    const user = await t.client.post('/api/auth/register').send({ email: 'outage@example.test', password: 'outage-password', username: 'outage' });
    expect(user.status).toBe(201);
    const login = await t.client.post('/api/auth/login').send({ email: 'outage@example.test', password: 'outage-password' });
    const auth = { token: login.body.accessToken as string };

    await t.proxy!.cut();
    const ready = await t.client.get('/health/ready');
    expect(ready.status).toBe(503);
    expect(ready.body.details.database.status).toBe('down');
    const live = await t.client.get('/health/live');
    expect(live.status).toBe(200);
    const agents = await t.client.get('/api/agents', auth);
    expect(agents.status).toBe(503);
    expect(agents.headers['retry-after']).toBe('5');
    expect(agents.body).toEqual({ statusCode: 503, error: 'Service Unavailable', message: 'The database is unavailable; retry later.' });
    expect(JSON.stringify(agents.body)).not.toMatch(/at .*\.js/);

    await t.proxy!.restore();
    const back = await t.client.get('/health/ready');
    expect(back.status).toBe(200);
    const list = await t.client.get('/api/agents', auth);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
  });
});
