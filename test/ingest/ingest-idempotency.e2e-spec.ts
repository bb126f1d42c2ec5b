import { register } from 'prom-client';
import { JobScheduler, PARTITIONS_AHEAD_JOB } from '@fleetwatch/database';
import { IDEMPOTENCY_CLEANUP_JOB } from '@fleetwatch/ingest';
import { createAgent, createApiKey, createUser, insertIdempotencyKeys, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-04-01T08:00:00.000Z';

describe('POST /api/ingest with Idempotency-Key', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let agent: TestAgent;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner);
    key = await createApiKey(t.client, owner, ['ingest']);
  });
  afterAll(async () => {
    await t.close();
  });

  const body = () => ({
    samples: [{ agentId: agent.id, type: 'errors', value: 2 }],
    toolCalls: [{ agentId: agent.id, tool: 't', durationMs: 5, status: 'success' }],
  });
  const post = (idem: string, payload: unknown, as: { apiKey: string } | { token: string } = { apiKey: key }) =>
    t.client
      .post('/api/ingest', as)
      .set('Idempotency-Key', idem)
      .send(payload as object);
  const stored = async () => Number((await t.sql.query(`select count(*) from metric_samples`)).rows[0].count);

  it('replays the first answer for the same key and body, storing once', async () => {
    const first = await post('k-1', body());
    expect(first.status).toBe(202);
    expect(first.body).toEqual({ accepted: { samples: 1, llmCalls: 0, toolCalls: 1, events: 0 } });
    const again = await post('k-1', body());
    expect(again.status).toBe(202);
    expect(again.body).toEqual(first.body);
    expect(await stored()).toBe(1);
    const { rows } = await t.sql.query(`select status, response_status, response_body from idempotency_keys where key = 'k-1'`);
    expect(rows).toEqual([{ status: 'done', response_status: 202, response_body: first.body }]);
  });

  it('422 for the same key with another body, storing nothing', async () => {
    const res = await post('k-1', { samples: [{ agentId: agent.id, type: 'errors', value: 3 }] });
    expect(res.status).toBe(422);
    expect(res.body.message).toBe('Idempotency-Key was already used with a different request body');
    expect(await stored()).toBe(1);
  });

  it('keys are per user: another user may use the same key', async () => {
    const theirs = await createAgent(t.client, other);
    const res = await post('k-1', { samples: [{ agentId: theirs.id, type: 'errors', value: 1 }] }, other.auth);
    expect(res.status).toBe(202);
    expect(await stored()).toBe(2);
  });

  it('409 while the first request with the key is still in flight', async () => {
    await insertIdempotencyKeys(t.sql, [{ userId: owner.id, key: 'k-busy', requestHash: 'h', status: 'in_flight', createdAt: NOW }]);
    const res = await post('k-busy', { samples: [{ agentId: agent.id, type: 'errors', value: 1 }] });
    expect(res.status).toBe(422);
    const sameHash = await post('k-busy2', body());
    expect(sameHash.status).toBe(202);
    await t.sql.query(`update idempotency_keys set status = 'in_flight', response_status = null, response_body = null where key = 'k-busy2'`);
    const busy = await post('k-busy2', body());
    expect(busy.status).toBe(409);
    expect(await stored()).toBe(3);
  });

  it('takes over a key left in flight for more than a minute (its request died)', async () => {
    await t.sql.query(
      `update idempotency_keys set status = 'in_flight', response_status = null, response_body = null, created_at = $2 where key = 'k-busy2' and user_id = $1`,
      [owner.id, new Date(Date.parse(NOW) - 60_000 - 1000)],
    );
    const before = await stored();
    const res = await post('k-busy2', body());
    expect(res.status).toBe(202);
    expect(await stored()).toBe(before + 1);
  });

  it('frees the key when the request fails, so a corrected retry can use it', async () => {
    const bad = await post('k-retry', { samples: [{ agentId: agent.id, type: 'cpu', value: 500 }] });
    expect(bad.status).toBe(400);
    const before = await stored();
    const good = await post('k-retry', body());
    expect(good.status).toBe(202);
    expect(await stored()).toBe(before + 1);
  });

  it('400 for an unusable key', async () => {
    const res = await post('x'.repeat(256), body());
    expect(res.status).toBe(400);
    expect(res.body.message).toContain('Idempotency-Key');
  });

  it('keys expire after 24 h: cleanup removes them and the key can be used again', async () => {
    t.clock.advance(24 * 3_600_000 + 1000);
    const reused = await post('k-1', { samples: [{ agentId: agent.id, type: 'errors', value: 9, timestamp: t.clock.now().toISOString() }] });
    expect(reused.status).toBe(202);
    const outcome = await t.get(JobScheduler).runNow(IDEMPOTENCY_CLEANUP_JOB);
    expect(outcome.ran).toBe(true);
    const { rows } = await t.sql.query(`select key from idempotency_keys where user_id = $1 order by key`, [owner.id]);
    expect(rows).toEqual([{ key: 'k-1' }]);
    t.clock.set(NOW);
  });

  it('the partition job creates daily partitions 7 days ahead for every telemetry table', async () => {
    t.clock.set('2026-06-10T10:00:00Z');
    await t.get(JobScheduler).runNow(PARTITIONS_AHEAD_JOB);
    for (const table of ['metric_samples', 'llm_calls', 'tool_calls', 'events', 'api_requests']) {
      const { rows } = await t.sql.query(
        `select c.relname from pg_inherits i join pg_class c on c.oid = i.inhrelid where i.inhparent = $1::regclass and c.relname >= $2 and c.relname < $3 order by 1`,
        [table, `${table}_p20260610`, `${table}_p20260701`],
      );
      expect(rows.map((r) => r.relname)).toEqual(['10', '11', '12', '13', '14', '15', '16', '17'].map((d) => `${table}_p202606${d}`));
    }
    t.clock.set(NOW);
  });
});

describe('POST /api/ingest body limit', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestAgent;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { BODY_LIMIT_MB: '0.01' } });
    owner = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner);
  });
  afterAll(async () => {
    await t.close();
  });

  it('413 for a body over BODY_LIMIT_MB, nothing stored', async () => {
    const rejects = async () =>
      (await register.getSingleMetric('fleetwatch_ingest_rejects_total')?.get())?.values.find((v) => v.labels.reason === 'body_too_large')?.value ?? 0;
    const before = await rejects();
    const samples = Array.from({ length: 200 }, () => ({ agentId: agent.id, type: 'cpu', value: 1 }));
    const res = await t.client.post('/api/ingest', owner.auth).send({ samples });
    expect(res.status).toBe(413);
    expect(res.body.statusCode).toBe(413);
    expect(await rejects()).toBe(before + 1);
    expect(Number((await t.sql.query(`select count(*) from metric_samples`)).rows[0].count)).toBe(0);
  });
});
