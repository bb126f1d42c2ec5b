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

  it("gives every answer a request id, keeping the caller's", async () => {
    const fresh = await t.client.get('/health/live');
    expect(fresh.headers['x-request-id']).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    const kept = await t.client.get('/health/live').set('X-Request-Id', 'trace-abc-123');
    expect(kept.headers['x-request-id']).toBe('trace-abc-123');
  });

  it('serves the OpenAPI document with every foundation route', async () => {
    const doc = await t.client.get('/api/docs-json');
    expect(doc.status).toBe(200);
    expect(Object.keys(doc.body.paths)).toEqual(
      expect.arrayContaining([
        '/health/live',
        '/health/ready',
        '/api/auth/register',
        '/api/auth/login',
        '/api/auth/me',
        '/api/auth/api-keys',
        '/api/auth/api-keys/{id}',
        '/api/admin/users',
        '/api/admin/users/{id}',
        '/api/agents',
        '/api/agents/{id}',
        '/api/agents/{id}/deployments',
        '/api/deployments/{id}',
        '/api/deployments/{id}/configuration',
      ]),
    );
    const ui = await t.client.get('/api/docs');
    expect(ui.status).toBe(200);
    expect(ui.text).toContain('swagger');
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
    expect(agents.body).toEqual({
      statusCode: 503,
      error: 'Service Unavailable',
      code: 'database_unavailable',
      message: 'The database is unavailable; retry later.',
    });
    expect(JSON.stringify(agents.body)).not.toMatch(/at .*\.js/);

    await t.proxy!.restore();
    const back = await t.client.get('/health/ready');
    expect(back.status).toBe(200);
    const list = await t.client.get('/api/agents', auth);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([]);
  });
});
