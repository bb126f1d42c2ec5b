import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { insertLlmCalls, insertToolCalls } from '../analytics/telemetry-fixtures';
import { HeldDownload, holdDownload, insertManySamples, loopbackPort, until } from './exports-support';

const NOW = '2026-11-20T12:00:00.000Z';
const RANGE = 'start=2026-11-20T00:00:00.000Z&end=2026-11-20T12:00:00.000Z';
const SAMPLES = `/api/analytics/export?dataset=samples&${RANGE}`;
const TOOLS = `/api/analytics/export?dataset=tool_calls&format=json&${RANGE}`;

/**
 * Issue item 4: one user's unread downloads used to take every export slot of the server. Now each
 * user has EXPORT_MAX_PER_USER of them (analytics and usage exports together), and the rest of the
 * server's third of the pool stays open to everyone else.
 */
describe('export slots per user', () => {
  let t: TestApp;
  let port: number;
  let a: TestUser;
  let b: TestUser;
  let bAgent: string;
  let bToolIds: string[];
  const held: HeldDownload[] = [];

  beforeAll(async () => {
    // A pool of 9: three exports per server, two of them at most for any one user.
    t = await startTestApp({ now: NOW, env: { DATABASE_POOL_MAX: '9', EXPORT_MAX_PER_USER: '2' } });
    a = await createUser(t.client, t.sql);
    b = await createUser(t.client, t.sql);
    const aAgent = (await createAgent(t.client, a)).id;
    bAgent = (await createAgent(t.client, b)).id;
    await insertManySamples(t.sql, aAgent, 100_000, '2026-11-20T01:00:00.000Z');
    await insertToolCalls(t.sql, [{ agentId: aAgent, tool: 'a-tool', durationMs: 1, ts: '2026-11-20T02:00:00.000Z' }]);
    bToolIds = await insertToolCalls(t.sql, [
      { agentId: bAgent, tool: 'search', durationMs: 12.5, ts: '2026-11-20T03:00:00.000Z' },
      { agentId: bAgent, tool: 'fetch', durationMs: 3, status: 'error', errorType: 'timeout', ts: '2026-11-20T04:00:00.000Z' },
    ]);
    await insertLlmCalls(t.sql, [
      { agentId: bAgent, model: 'gpt-4o', inputTokens: 10, outputTokens: 5, latencyMs: 42, costUsd: 0.5, ts: '2026-11-20T05:00:00.000Z' },
    ]);
    port = await loopbackPort(t);
  });
  afterAll(async () => {
    for (const h of held) h.response.destroy();
    await t.close();
  });

  it('refuses a user’s download past their cap with 429 and Retry-After while another user’s still answers 200', async () => {
    held.push(await holdDownload(port, SAMPLES, a.token));
    held.push(await holdDownload(port, `${SAMPLES}&format=json`, a.token));
    expect(held.map((h) => h.response.statusCode)).toEqual([200, 200]);

    const refused = await t.client.get(TOOLS, a.auth);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'too_many_exports',
      message: 'at most 2 of your exports run at once; retry when one of them has ended',
    });
    // The usage export counts against the same cap.
    const usage = await t.client.get('/api/usage/export?format=json', a.auth);
    expect(usage.status).toBe(429);
    expect(usage.headers['retry-after']).toBe('5');

    const theirs = await t.client.get(TOOLS, b.auth);
    expect(theirs.status).toBe(200);
    expect(theirs.body).toEqual([
      {
        id: bToolIds[0],
        agent_id: bAgent,
        tool: 'search',
        duration_ms: 12.5,
        status: 'success',
        error_type: null,
        trace_id: null,
        ts: '2026-11-20T03:00:00.000Z',
      },
      {
        id: bToolIds[1],
        agent_id: bAgent,
        tool: 'fetch',
        duration_ms: 3,
        status: 'error',
        error_type: 'timeout',
        trace_id: null,
        ts: '2026-11-20T04:00:00.000Z',
      },
    ]);
    const theirUsage = await t.client
      .get('/api/usage/export?format=json', b.auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => done(null, text));
      });
    expect(theirUsage.status).toBe(200);
    expect((JSON.parse(theirUsage.body as string) as Record<string, unknown>[]).map((r) => [r.agent_id, r.model, r.total_tokens, r.cost_usd])).toEqual([
      [bAgent, 'gpt-4o', 15, 0.5],
    ]);
  });

  it('gives the user a slot back as soon as one of their downloads ends', async () => {
    held.shift()!.response.destroy();
    const after = await until(
      () => t.client.get(TOOLS, a.auth),
      (res) => res.status !== 429,
    );
    expect(after.status).toBe(200);
    expect(after.body.map((r: { tool: string }) => r.tool)).toEqual(['a-tool']);
  });
});
