import { gzipSync } from 'node:zlib';
import { createAgent, createApiKey, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

/** A guard against a freeze, not a performance target: the old code took 5–54 s on these bodies. */
const FAST_MS = 2000;

const nested = (levels: number, inner = '1') => '{"a":'.repeat(levels) + inner + '}'.repeat(levels);
const manyKeys = (count: number, extra: Record<string, string> = {}) => {
  const body: Record<string, unknown> = { ...extra };
  for (let i = 0; i < count; i++) body[`k${i}`] = i;
  return JSON.stringify(body);
};

describe('JSON bodies: nesting depth and keys per object are capped before parsing', () => {
  let t: TestApp;
  let user: TestUser;
  let agent: TestAgent;
  let ingestKey: string;

  beforeAll(async () => {
    t = await startTestApp();
    user = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, user);
    ingestKey = await createApiKey(t.client, user, ['ingest']);
  });
  afterAll(async () => {
    await t.close();
  });

  const json = (request: ReturnType<TestApp['client']['post']>, text: string | Buffer) =>
    request
      .set('Content-Type', 'application/json')
      .serialize((body: unknown) => body as string)
      .send(text);

  it('a 100,000-key body answers 400 fast on an authenticated route (413 on the anonymous ones), and /health/live answers meanwhile', async () => {
    const body = manyKeys(100_000, { email: 'x@example.test', password: 'password-1', username: 'keys-user' });
    expect(body.length).toBeGreaterThan(1_400_000);
    const started = Date.now();
    const [agents, register, live] = await Promise.all([
      json(t.client.post('/api/agents', user.auth), body),
      json(t.client.post('/api/auth/register'), body),
      t.client.get('/health/live'),
    ]);
    const elapsed = Date.now() - started;
    expect(agents.status).toBe(400);
    expect(agents.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'bad_request', message: 'body has an object with more than 1000 keys' });
    // Credentials routes take at most 64 kB: such a body is refused before it is even read.
    expect(register.status).toBe(413);
    expect(register.body).toMatchObject({ statusCode: 413, code: 'payload_too_large' });
    expect(live.status).toBe(200);
    expect(elapsed).toBeLessThan(FAST_MS);
    expect((await t.sql.query(`select count(*)::int as n from users where username = 'keys-user'`)).rows[0].n).toBe(0);
  });

  it('5,000 levels of nesting answer 400 naming the limit on login, register and agents', async () => {
    const deep = `{"email":"x@example.test","password":"password-1","extra":${nested(5000)}}`;
    for (const [path, auth] of [
      ['/api/auth/login', undefined],
      ['/api/auth/register', undefined],
      ['/api/agents', user.auth],
    ] as const) {
      const response = await json(t.client.post(path, auth), deep);
      expect([path, response.status, response.body]).toEqual([
        path,
        400,
        { statusCode: 400, error: 'Bad Request', code: 'bad_request', message: 'body nests deeper than 32 levels' },
      ]);
    }
  });

  it('a 5 MB deeply nested array answers 400, not 500, in time', async () => {
    const levels = 2_500_000;
    const body = '['.repeat(levels) + ']'.repeat(levels);
    expect(body.length).toBeLessThan(t.config.server.bodyLimitBytes);
    const started = Date.now();
    const response = await json(t.client.post(`/api/agents/${agent.id}/deployments`, user.auth), body);
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('body nests deeper than 32 levels');
    expect(Date.now() - started).toBeLessThan(FAST_MS);
  });

  it('keeps within-limit bodies working: 32 levels and 1,000 keys in a deployment configuration', async () => {
    // The body is level 1, then 30 nested objects, then the 1,000-key object at level 32.
    const configuration = JSON.parse(nested(30, manyKeys(1000))) as Record<string, unknown>;
    const response = await t.client.post(`/api/agents/${agent.id}/deployments`, user.auth).send({ environment: 'deep', configuration });
    expect(response.status).toBe(201);
    const stored = await t.client.get(`/api/deployments/${response.body.id as string}/configuration`, user.auth);
    expect(stored.status).toBe(200);
    expect(JSON.stringify(stored.body)).toContain('"k999":999');

    const tooDeep = await t.client.post(`/api/agents/${agent.id}/deployments`, user.auth).send({ environment: 'deep', configuration: JSON.parse(nested(32)) });
    expect(tooDeep.status).toBe(400);
    expect(tooDeep.body.message).toBe('body nests deeper than 32 levels');
    const tooMany = await t.client
      .post(`/api/agents/${agent.id}/deployments`, user.auth)
      .send({ environment: 'wide', configuration: JSON.parse(manyKeys(1001)) });
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.message).toBe('body has an object with more than 1000 keys');
  });

  it('a 10,000-sample ingest batch (the documented maximum) is still accepted', async () => {
    const samples = Array.from({ length: 10_000 }, (_, i) => ({ agentId: agent.id, type: 'cpu', value: i % 100 }));
    const response = await t.client.post('/api/ingest', { apiKey: ingestKey }).send({ samples });
    expect(response.status).toBe(202);
    expect(response.body).toEqual({ accepted: { samples: 10_000, llmCalls: 0, toolCalls: 0, events: 0 } });
    const { rows } = await t.sql.query(`select count(*)::int as n, sum(value)::int as total from metric_samples where agent_id = $1`, [agent.id]);
    expect(rows[0]).toEqual({ n: 10_000, total: 100 * 4950 });
  });

  it('OTLP JSON bodies get the same caps, also when gzipped', async () => {
    const deep = `{"resourceSpans":[{"scopeSpans":[{"spans":[{"attributes":[{"key":"k","value":${nested(40)}}]}]}]}]}`;
    const plain = await json(t.client.post('/api/otlp/v1/traces', { apiKey: ingestKey }), deep);
    expect(plain.status).toBe(400);
    expect(plain.body.message).toBe('body nests deeper than 32 levels');
    const gzipped = await json(t.client.post('/api/otlp/v1/traces', { apiKey: ingestKey }).set('Content-Encoding', 'gzip'), gzipSync(deep));
    expect(gzipped.status).toBe(400);
    expect(gzipped.body.message).toBe('body nests deeper than 32 levels');
  });

  it('form-encoded bodies are still parsed, with the same key cap', async () => {
    const login = await t.client
      .post('/api/auth/login')
      .type('form')
      .send(`email=${encodeURIComponent(user.email)}&password=${encodeURIComponent(user.password)}`);
    expect(login.status).toBe(200);
    expect(typeof login.body.accessToken).toBe('string');
    const wide = await t.client
      .post('/api/auth/login')
      .type('form')
      .send(Array.from({ length: 1001 }, (_, i) => `k${i}=1`).join('&'));
    expect(wide.status).toBe(400);
    expect(wide.body.message).toBe('body has more than 1000 keys');
  });

  it('still refuses prototype poisoning and malformed JSON as before', async () => {
    const poisoned = await json(t.client.post('/api/agents', user.auth), '{"name":"p","__proto__":{"admin":true}}');
    expect(poisoned.status).toBe(400);
    const broken = await json(t.client.post('/api/agents', user.auth), '{"name":');
    expect(broken.status).toBe(400);
    expect(broken.body.message).toBe("Body is not valid JSON but content-type is set to 'application/json'");
  });
});
