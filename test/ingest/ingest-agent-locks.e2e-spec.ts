import type { Client } from 'pg';
import { createAgent, createApiKey, createUser, sqlClient, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-03-10T12:00:00.000Z';

/** Polls until `check` holds; the bound only guards against a freeze. */
async function until(what: string, check: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 20));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/**
 * A batch locks its agents' rows (to move last_seen_at) only as its transaction's last statement,
 * so concurrent batches for the same agents write their rows side by side instead of queueing, and
 * an agent given away meanwhile still refuses the batch with nothing stored.
 */
describe('POST /api/ingest and the agent row lock', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let agent: TestAgent;
  let key: string;
  let holder: Client;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agent = await createAgent(t.client, owner);
    key = await createApiKey(t.client, owner, ['ingest']);
    holder = await sqlClient(t.databaseUrl);
  });
  afterAll(async () => {
    await holder?.end();
    await t.close();
  });

  const calls = (traceId: string, n = 3) =>
    Array.from({ length: n }, (_, i) => ({
      agentId: agent.id,
      model: 'gpt-4o',
      inputTokens: 100 + i,
      outputTokens: 10,
      latencyMs: 5,
      status: 'success',
      traceId,
    }));
  const stored = async (traceId: string) => (await t.sql.query(`select count(*)::int as n from llm_calls where trace_id = $1`, [traceId])).rows[0].n;
  /** Backends of this database waiting for a lock while their statement updates agents. */
  const waitingTouches = async () =>
    (
      await t.sql.query<{ pid: number }>(
        `select pid from pg_stat_activity where datname = current_database() and wait_event_type = 'Lock' and query like 'update agents a set last_seen_at%'`,
      )
    ).rows.map((r) => r.pid);

  it('has written its rows before it waits for an agent row another transaction holds, and two such batches both get there', async () => {
    await holder.query('begin');
    await holder.query(`select 1 from agents where id = $1 for update`, [agent.id]);
    const first = t.client.post('/api/ingest', { apiKey: key }).send({ llmCalls: calls('lock-a') });
    const second = t.client.post('/api/ingest', { apiKey: key }).send({ llmCalls: calls('lock-b') });
    const answers = Promise.all([first, second]);
    await until('both batches to wait on the agent row', async () => (await waitingTouches()).length === 2);
    // Both already hold the lock COPY takes on an llm_calls partition: their rows are written.
    const copied = await t.sql.query<{ n: number }>(
      `select count(distinct l.pid)::int as n from pg_locks l join pg_class c on c.oid = l.relation
        where l.pid = any($1) and l.granted and l.mode = 'RowExclusiveLock' and c.relname like 'llm_calls_%'`,
      [await waitingTouches()],
    );
    expect(copied.rows[0].n).toBe(2);
    expect([await stored('lock-a'), await stored('lock-b')]).toEqual([0, 0]);
    await holder.query('commit');
    const [a, b] = await answers;
    expect([a.status, a.body, b.status, b.body]).toEqual([
      202,
      { accepted: { samples: 0, llmCalls: 3, toolCalls: 0, events: 0 } },
      202,
      { accepted: { samples: 0, llmCalls: 3, toolCalls: 0, events: 0 } },
    ]);
    expect([await stored('lock-a'), await stored('lock-b')]).toEqual([3, 3]);
  });

  it('refuses the batch naming the agent, storing nothing, when the agent is given to another user before its last statement', async () => {
    const seenBefore = (await t.sql.query(`select last_seen_at from agents where id = $1`, [agent.id])).rows[0].last_seen_at;
    await holder.query('begin');
    await holder.query(`select 1 from agents where id = $1 for update`, [agent.id]);
    // Promise.resolve sends it now (a request is a thenable that starts when awaited).
    const answer = Promise.resolve(t.client.post('/api/ingest', { apiKey: key }).send({ llmCalls: calls('moved-away') }));
    await until('the batch to wait on the agent row', async () => (await waitingTouches()).length === 1);
    await holder.query(`update agents set owner_id = $1 where id = $2`, [other.id, agent.id]);
    await holder.query('commit');
    const res = await answer;
    expect([res.status, res.body.code, res.body.message]).toEqual([404, 'unknown_agent', `agent ${agent.id} not found (llmCalls[0].agentId)`]);
    expect(await stored('moved-away')).toBe(0);
    expect((await t.sql.query(`select last_seen_at from agents where id = $1`, [agent.id])).rows[0].last_seen_at).toEqual(seenBefore);
    await t.sql.query(`update agents set owner_id = $1 where id = $2`, [owner.id, agent.id]);
  });

  it('answers 409 to an admin whose batch was priced for an owner the agent no longer has, storing nothing', async () => {
    await holder.query('begin');
    await holder.query(`select 1 from agents where id = $1 for update`, [agent.id]);
    const answer = Promise.resolve(t.client.post('/api/ingest', admin.auth).send({ llmCalls: calls('admin-moved') }));
    await until('the batch to wait on the agent row', async () => (await waitingTouches()).length === 1);
    await holder.query(`update agents set owner_id = $1 where id = $2`, [other.id, agent.id]);
    await holder.query('commit');
    const res = await answer;
    expect([res.status, res.body.code, res.body.message]).toEqual([
      409,
      'agents_changed',
      `agent ${agent.id} (llmCalls[0].agentId) changed owner while the batch was stored; nothing was stored, send it again`,
    ]);
    expect(await stored('admin-moved')).toBe(0);
    // Sent again, it is stored for the new owner.
    expect((await t.client.post('/api/ingest', admin.auth).send({ llmCalls: calls('admin-moved') })).status).toBe(202);
    expect(await stored('admin-moved')).toBe(3);
    await t.sql.query(`update agents set owner_id = $1 where id = $2`, [owner.id, agent.id]);
  });
});
