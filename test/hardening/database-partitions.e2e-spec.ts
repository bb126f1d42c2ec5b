import { Client } from 'pg';
import { createAgent, createUser, sqlClient, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const DAY = 86_400_000;
const utcDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

async function partitionsOf(sql: Client, table: string, from: string, to: string): Promise<string[]> {
  const { rows } = await sql.query(
    `select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid
     where i.inhparent = $1::regclass and c.relname between $2 and $3 order by 1`,
    [table, `${table}_p${from.replace(/-/g, '')}`, `${table}_p${to.replace(/-/g, '')}`],
  );
  return rows.map((r) => r.relname as string);
}

describe('creating one partition from many sessions at once', () => {
  let a: TestApp;
  let b: TestApp;
  let owner: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    a = await startTestApp();
    b = await startTestApp({ databaseUrl: a.databaseUrl });
    for (const t of [a, b]) await t.app.listen(0, '127.0.0.1');
    owner = await createUser(a.client, a.sql);
    agent = await createAgent(a.client, owner);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('fw_ensure_daily_partitions called by 8 sessions at the same instant creates each day once and fails none', async () => {
    const from = utcDay(Date.now() - 12 * DAY);
    const to = utcDay(Date.now() - 9 * DAY);
    expect(await partitionsOf(a.sql, 'tool_calls', from, to)).toEqual([]);
    const sessions = await Promise.all(Array.from({ length: 8 }, () => sqlClient(a.databaseUrl)));
    try {
      const results = await Promise.allSettled(
        sessions.map((s) => s.query(`select fw_ensure_daily_partitions('tool_calls', $1::date, $2::date) as created`, [from, to])),
      );
      expect(results.map((r) => r.status)).toEqual(Array(8).fill('fulfilled'));
      const created = results.map((r) => (r.status === 'fulfilled' ? Number(r.value.rows[0].created) : NaN));
      expect(created.reduce((sum, n) => sum + n, 0)).toBe(4);
    } finally {
      await Promise.all(sessions.map((s) => s.end()));
    }
    const days = [12, 11, 10, 9].map((n) => `tool_calls_p${utcDay(Date.now() - n * DAY).replace(/-/g, '')}`);
    expect(await partitionsOf(a.sql, 'tool_calls', from, to)).toEqual(days);
  });

  it('two API processes ingesting into fresh days at once accept every batch', async () => {
    // Days no partition exists for yet (the template has two days back only; jobs are off here).
    const offsets = [8, 7, 6, 5];
    expect(await partitionsOf(a.sql, 'metric_samples', utcDay(Date.now() - 8 * DAY), utcDay(Date.now() - 5 * DAY))).toEqual([]);
    const batch = (replica: number, i: number) => ({
      samples: offsets.map((days, k) => ({
        agentId: agent.id,
        type: `r${replica}`,
        value: i * 10 + k,
        timestamp: new Date(Date.now() - days * DAY).toISOString(),
      })),
      llmCalls: offsets.map((days) => ({
        agentId: agent.id,
        model: 'gpt-4o',
        inputTokens: 1,
        outputTokens: 1,
        latencyMs: 5,
        status: 'success',
        timestamp: new Date(Date.now() - days * DAY).toISOString(),
      })),
    });
    const answers = await Promise.all(
      [a, b].flatMap((t, replica) => Array.from({ length: 6 }, (_, i) => t.client.post('/api/ingest', owner.auth).send(batch(replica, i)).timeout(20_000))),
    );
    expect(answers.map((r) => r.status)).toEqual(Array(12).fill(202));
    const { rows } = await a.sql.query(`select type, count(*)::int as n from metric_samples where agent_id = $1 group by type order by type`, [agent.id]);
    expect(rows).toEqual([
      { type: 'r0', n: 24 },
      { type: 'r1', n: 24 },
    ]);
    const llm = await a.sql.query(`select count(*)::int as n from llm_calls where agent_id = $1`, [agent.id]);
    expect(llm.rows[0].n).toBe(48);
    expect(await partitionsOf(a.sql, 'metric_samples', utcDay(Date.now() - 8 * DAY), utcDay(Date.now() - 5 * DAY))).toHaveLength(4);
  });
});
