import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { insertToolCalls } from '../analytics/telemetry-fixtures';
import { holdDownload, insertManySamples, loopbackPort, openTransactions, until } from './exports-support';

const NOW = '2026-11-20T12:00:00.000Z';
const RANGE = 'start=2026-11-20T00:00:00.000Z&end=2026-11-20T12:00:00.000Z';
const SAMPLES = `/api/analytics/export?dataset=samples&${RANGE}`;
const TOOLS = `/api/analytics/export?dataset=tool_calls&format=json&${RANGE}`;
const EXPORT_QUERY = 'select id, agent_id, type, value, metadata, ts from metric_samples';

/**
 * Issue item 3 (export part): a download whose client stopped reading held its cursor, and with it
 * a transaction snapshot and a pooled connection, for as long as the socket stayed open. Now it is
 * cut off after EXPORT_IDLE_TIMEOUT_SECONDS (2 s here), which gives back the slot and the connection.
 */
describe('a stalled export download', () => {
  let t: TestApp;
  let port: number;
  let a: TestUser;
  let b: TestUser;
  let aTool: string[];

  beforeAll(async () => {
    // A pool of 5: one export per server, so a stalled one blocks everybody until it is ended.
    t = await startTestApp({ now: NOW, env: { DATABASE_POOL_MAX: '5', EXPORT_IDLE_TIMEOUT_SECONDS: '2' } });
    a = await createUser(t.client, t.sql);
    b = await createUser(t.client, t.sql);
    const agent = (await createAgent(t.client, a)).id;
    await insertManySamples(t.sql, agent, 100_000, '2026-11-20T01:00:00.000Z');
    aTool = await insertToolCalls(t.sql, [{ agentId: agent, tool: 'search', durationMs: 7, ts: '2026-11-20T02:00:00.000Z' }]);
    port = await loopbackPort(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('is ended after the idle timeout, releasing its cursor, its transaction and its slot', async () => {
    const held = await holdDownload(port, SAMPLES, a.token);
    expect(held.response.statusCode).toBe(200);

    // While unread, the export's cursor keeps its transaction (and snapshot) open in PostgreSQL: a
    // portal between fetches, without Sync, which pg_stat_activity shows as still active ...
    const during = await until(
      () => openTransactions(t.sql),
      (rows) => rows.length > 0,
      20,
    );
    expect(during.map((r) => [r.state, r.query.startsWith(EXPORT_QUERY)])).toEqual([['active', true]]);
    // ... and its slot: another user waits.
    const waiting = await t.client.get(TOOLS, b.auth);
    expect(waiting.status).toBe(429);

    // After the 2 s idle timeout the server gives the cursor up: no transaction is left open.
    expect(
      await until(
        () => openTransactions(t.sql),
        (rows) => rows.length === 0,
        200,
      ),
    ).toEqual([]);
    // A client that reads again finds the download cut off, not complete.
    held.response.resume();
    const outcome = await Promise.race([held.closed, new Promise((resolve) => setTimeout(() => resolve('still open'), 20_000))]);
    expect(outcome).toEqual({ complete: false });
    const again = await until(
      () => t.client.get(TOOLS, a.auth),
      (res) => res.status !== 429,
    );
    expect(again.status).toBe(200);
    expect(again.body).toEqual([
      {
        id: aTool[0],
        agent_id: expect.any(String),
        tool: 'search',
        duration_ms: 7,
        status: 'success',
        error_type: null,
        trace_id: null,
        ts: '2026-11-20T02:00:00.000Z',
      },
    ]);
    expect((await t.client.get(TOOLS, b.auth)).status).toBe(200);
  }, 40_000);

  it('does not cut off a large download that is being read', async () => {
    const res = await t.client.get(`${SAMPLES}&format=json`, a.auth);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(100_000);
    expect(res.body[99_999]).toMatchObject({ type: 'cpu', value: 0, metadata: { n: 100_000 } });
  }, 40_000);
});
