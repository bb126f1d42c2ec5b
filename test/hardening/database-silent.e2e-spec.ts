import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

/** A freeze guard, not a performance target. */
const ANSWER_BOUND_MS = 15_000;
const RECOVERY_BOUND_MS = 10_000;

describe('a database that stops answering without resetting connections', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    // A short statement timeout keeps the test quick; the client gives up 2 s after it.
    t = await startTestApp({ viaProxy: true, env: { DATABASE_STATEMENT_TIMEOUT_MS: '3000' } });
    // Listening once: concurrent supertest calls on an unbound server would each try to bind it.
    await t.app.listen(0, '127.0.0.1');
    owner = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner);
  });
  afterAll(async () => {
    await t.close();
  });

  const requests = () => [
    ...Array.from({ length: 6 }, () => t.client.get('/api/agents', owner.auth)),
    ...Array.from({ length: 3 }, () => t.client.get(`/api/agents/${agent.id}`, owner.auth)),
    ...Array.from({ length: 3 }, (_, i) =>
      t.client.post('/api/ingest', owner.auth).send({ samples: [{ agentId: agent.id, type: 'cpu', value: i, timestamp: new Date().toISOString() }] }),
    ),
  ];

  it('answers every request 503 with Retry-After within a bound, then serves again without a restart', async () => {
    // Fill the pool first, so frozen connections are in it when the database goes silent.
    const warm = await Promise.all(requests());
    expect(warm.map((r) => r.status)).toEqual([...Array(9).fill(200), ...Array(3).fill(202)]);

    t.proxy!.silence();
    const started = Date.now();
    const answers = await Promise.all(
      requests().map(async (request) => {
        const response = await request.timeout(ANSWER_BOUND_MS);
        return { status: response.status, retryAfter: response.headers['retry-after'], body: response.body, ms: Date.now() - started };
      }),
    );
    for (const answer of answers) {
      expect(answer).toEqual({
        status: 503,
        retryAfter: '5',
        body: { statusCode: 503, error: 'Service Unavailable', code: 'database_unavailable', message: 'The database is unavailable; retry later.' },
        ms: expect.any(Number),
      });
      expect(answer.ms).toBeLessThan(ANSWER_BOUND_MS);
    }
    const ready = await t.client.get('/health/ready').timeout(ANSWER_BOUND_MS);
    expect(ready.status).toBe(503);

    await t.proxy!.restore();
    const deadline = Date.now() + RECOVERY_BOUND_MS;
    let last = 0;
    while (Date.now() < deadline) {
      last = (await t.client.get('/api/agents', owner.auth).timeout(RECOVERY_BOUND_MS)).status;
      if (last === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect(last).toBe(200);
    const again = await Promise.all(requests());
    expect(again.map((r) => r.status)).toEqual([...Array(9).fill(200), ...Array(3).fill(202)]);
    const list = await t.client.get('/api/agents', owner.auth);
    expect(list.body.map((a: { id: string }) => a.id)).toEqual([agent.id]);
  }, 60_000);
});
