import { request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createAgent, createUser, generateLlmCalls, rowTime, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-20T12:00:00.000Z';

/** A database outage in the middle of a usage export ends that download, never the process. */
describe('usage export during a database outage', () => {
  let t: TestApp;
  let owner: TestUser;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, viaProxy: true });
    owner = await createUser(t.client, t.sql);
    const agent = await createAgent(t.client, owner);
    await t.sql.query(`select fw_ensure_daily_partitions('llm_calls', '2026-11-01', '2026-11-20')`);
    // 5,000 calls: five keyset batches, so the download is still reading when PostgreSQL goes away.
    await generateLlmCalls(t.sql, 5000, {
      agentId: agent.id,
      model: 'gpt-4o',
      provider: 'openai',
      inputTokens: 10,
      outputTokens: 5,
      latencyMs: 100,
      status: 'success',
      costUsd: 0.001,
      rateSource: 'model',
      ts: rowTime('2026-11-10T00:00:00Z', { every: '1 second' }),
    });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(['csv', 'json'])('a %s download cut mid-stream ends with an error while the server keeps serving', async (format) => {
    const outcome = await new Promise<{ status: number; bytes: number; ended: 'complete' | 'aborted' }>((resolve) => {
      const req = httpRequest(`${base}/api/usage/export?format=${format}`, { headers: { Authorization: `Bearer ${owner.token}` } }, (res) => {
        let bytes = 0;
        let cut = false;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          if (!cut) {
            cut = true;
            void t.proxy!.cut();
          }
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, ended: res.complete ? 'complete' : 'aborted' }));
        res.on('error', () => resolve({ status: res.statusCode ?? 0, bytes, ended: 'aborted' }));
        res.on('aborted', () => resolve({ status: res.statusCode ?? 0, bytes, ended: 'aborted' }));
      });
      req.on('error', () => resolve({ status: 0, bytes: 0, ended: 'aborted' }));
      req.end();
    });
    expect(outcome.status).toBe(200);
    expect(outcome.bytes).toBeGreaterThan(0);

    await t.proxy!.restore();
    const live = await t.client.get('/health/live');
    expect(live.status).toBe(200);
    const again = await t.client
      .get('/api/usage/export?format=json', owner.auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (c: Buffer) => (text += c.toString()));
        res.on('end', () => done(null, text));
      });
    expect(again.status).toBe(200);
    expect(JSON.parse(again.body as string)).toHaveLength(5000);
  });

  it('answers 503 with Retry-After when PostgreSQL is down before the download starts', async () => {
    await t.proxy!.cut();
    const res = await t.client.get('/api/usage/export?format=csv', owner.auth);
    expect(res.status).toBe(503);
    expect(res.headers['retry-after']).toBe('5');
    await t.proxy!.restore();
  });
});
