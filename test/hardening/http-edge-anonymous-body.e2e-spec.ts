import { startTestApp, TestApp } from '../support/test-app';

/**
 * Anonymous routes take a few credentials; a body of hundreds of 1,000-key objects passed the
 * per-object key cap and still cost the process seconds of validation. They now refuse large
 * bodies before reading them, so an anonymous caller cannot buy CPU time with a big request.
 */
describe('anonymous routes take small bodies only', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const manyObjects = (): string => {
    const obj = JSON.stringify(Object.fromEntries(Array.from({ length: 1000 }, (_, i) => [`k${i}`, 1])));
    return `{"email":"a@example.test","password":"long-enough-password","username":"abc","extra":[${Array.from({ length: 300 }, () => obj).join(',')}]}`;
  };

  it.each(['/api/auth/register', '/api/auth/login'])('%s answers 413 for a 2.6 MB body and stores nothing', async (path) => {
    const body = manyObjects();
    expect(body.length).toBeGreaterThan(2_500_000);
    const started = Date.now();
    const res = await t.client.post(path).set('content-type', 'application/json').send(body);
    // A bound against a freeze, not a speed target: validation of this body took seconds before.
    expect(Date.now() - started).toBeLessThan(2000);
    expect(res.status).toBe(413);
    expect(res.body).toMatchObject({ statusCode: 413, error: 'Payload Too Large', code: 'payload_too_large' });
    const { rows } = await t.sql.query(`select count(*)::int as n from users where email = 'a@example.test'`);
    expect(rows[0].n).toBe(0);
  });

  it('still registers and logs in with ordinary bodies', async () => {
    const creds = { email: 'small@example.test', password: 'long-enough-password', username: 'small-one' };
    expect((await t.client.post('/api/auth/register').send(creds)).status).toBe(201);
    const login = await t.client.post('/api/auth/login').send({ email: creds.email, password: creds.password });
    expect(login.status).toBe(200);
    expect(login.body.tokenType).toBe('Bearer');
  });

  it('keeps BODY_LIMIT_MB on other routes: the same body is read there, and refused by the guard instead', async () => {
    const res = await t.client.post('/api/agents').set('content-type', 'application/json').send(manyObjects());
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('unauthorized');
  });
});
