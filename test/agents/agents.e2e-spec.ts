import { createAgent, createDeployment, createUser, insertEvents, insertLlmCalls, insertSamples, insertToolCalls, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-03-01T10:00:00.000Z';
const UNKNOWN = '01900000-0000-7000-8000-000000000000';

describe('agents', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql, { username: 'owner' });
    other = await createUser(t.client, t.sql, { username: 'other' });
    admin = await createUser(t.client, t.sql, { username: 'admin', admin: true });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/agents', () => {
    it('creates a stopped agent with exactly the given fields, its first history row and an agent_created event', async () => {
      const at = t.clock.now().toISOString();
      const res = await t.client
        .post('/api/agents', owner.auth)
        .send({ name: 'billing-bot', description: 'Pays invoices', runtime: 'docker', model: 'gpt-4o', labels: { team: 'payments' } });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        ownerId: owner.id,
        name: 'billing-bot',
        description: 'Pays invoices',
        runtime: 'docker',
        model: 'gpt-4o',
        labels: { team: 'payments' },
        status: 'stopped',
        statusChangedAt: at,
        lastSeenAt: null,
        createdAt: at,
        updatedAt: at,
      });
      const history = await t.sql.query(`select status, changed_at from agent_status_changes where agent_id = $1`, [res.body.id]);
      expect(history.rows).toEqual([{ status: 'stopped', changed_at: new Date(at) }]);
      const events = await t.sql.query(`select owner_id, type, message, metadata, actor, ts from events where agent_id = $1`, [res.body.id]);
      expect(events.rows).toEqual([
        {
          owner_id: owner.id,
          type: 'agent_created',
          message: 'Agent "billing-bot" created',
          metadata: { agentId: res.body.id },
          actor: owner.id,
          ts: new Date(at),
        },
      ]);
    });

    it('fills optional fields with null and {}', async () => {
      const res = await t.client.post('/api/agents', owner.auth).send({ name: 'minimal' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ name: 'minimal', description: null, runtime: null, model: null, labels: {}, status: 'stopped', lastSeenAt: null });
    });

    it.each([
      [
        'a missing name',
        {},
        ['name must be shorter than or equal to 100 characters', 'name must be longer than or equal to 1 characters', 'name must be a string'],
      ],
      ['an empty name', { name: '' }, ['name must be longer than or equal to 1 characters']],
      ['non-string labels', { name: 'x', labels: { team: 1 } }, ['labels must be an object of at most 64 string values (keys 1-63 chars, values up to 255)']],
      ['array labels', { name: 'x', labels: ['a'] }, ['labels must be an object of at most 64 string values (keys 1-63 chars, values up to 255)']],
      ['a status on create', { name: 'x', status: 'running' }, ['property status should not exist']],
    ])('rejects %s with 400 naming the field', async (_, body, message) => {
      const res = await t.client.post('/api/agents', owner.auth).send(body);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'validation_failed', message });
    });

    it('keeps names unique per owner (409) but lets another owner reuse one', async () => {
      await createAgent(t.client, owner, { name: 'dup' });
      const again = await t.client.post('/api/agents', owner.auth).send({ name: 'dup' });
      expect(again.status).toBe(409);
      expect(again.body).toEqual({ statusCode: 409, error: 'Conflict', code: 'agent_name_taken', message: 'an agent named "dup" already exists' });
      const elsewhere = await t.client.post('/api/agents', other.auth).send({ name: 'dup' });
      expect(elsewhere.status).toBe(201);
      expect(elsewhere.body.ownerId).toBe(other.id);
      const { rows } = await t.sql.query(`select owner_id from agents where name = 'dup' order by owner_id`);
      expect(rows.map((r) => r.owner_id).sort()).toEqual([owner.id, other.id].sort());
    });
  });

  describe('GET /api/agents', () => {
    let lister: TestUser;
    let ids: string[];
    beforeAll(async () => {
      lister = await createUser(t.client, t.sql, { username: 'lister' });
      ids = [];
      for (const name of ['first', 'second', 'third']) {
        t.clock.advance(1_000);
        ids.push((await createAgent(t.client, lister, { name })).id);
      }
      await t.client.patch(`/api/agents/${ids[1]}`, lister.auth).send({ status: 'running' }).expect(200);
    });

    it('lists only the caller’s agents, newest first; admins see everyone’s', async () => {
      const mine = await t.client.get('/api/agents', lister.auth);
      expect(mine.status).toBe(200);
      expect(mine.body.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1], ids[0]]);
      expect(mine.headers['x-next-cursor']).toBeUndefined();
      const all = await t.client.get('/api/agents?limit=500', admin.auth);
      const owners = new Set(all.body.map((a: { ownerId: string }) => a.ownerId));
      expect(owners).toEqual(new Set([owner.id, other.id, lister.id]));
      const { rows } = await t.sql.query(`select count(*)::int as n from agents`);
      expect(all.body).toHaveLength(rows[0].n);
    });

    it('filters by status', async () => {
      const running = await t.client.get('/api/agents?status=running', lister.auth);
      expect(running.body.map((a: { id: string; status: string }) => [a.id, a.status])).toEqual([[ids[1], 'running']]);
      const stopped = await t.client.get('/api/agents?status=stopped', lister.auth);
      expect(stopped.body.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[0]]);
      const bad = await t.client.get('/api/agents?status=sleeping', lister.auth);
      expect(bad.status).toBe(400);
      expect(bad.body.message).toEqual(['status must be one of the following values: queued, deploying, running, warning, error, stopped']);
    });

    it('pages with limit and X-Next-Cursor', async () => {
      const first = await t.client.get('/api/agents?limit=2', lister.auth);
      expect(first.body.map((a: { id: string }) => a.id)).toEqual([ids[2], ids[1]]);
      const cursor = first.headers['x-next-cursor'];
      expect(cursor).toEqual(expect.any(String));
      const second = await t.client.get(`/api/agents?limit=2&cursor=${encodeURIComponent(cursor)}`, lister.auth);
      expect(second.body.map((a: { id: string }) => a.id)).toEqual([ids[0]]);
      expect(second.headers['x-next-cursor']).toBeUndefined();
      const exact = await t.client.get('/api/agents?limit=3', lister.auth);
      expect(exact.body).toHaveLength(3);
      expect(exact.headers['x-next-cursor']).toBeUndefined();
    });

    it.each([
      ['garbage', 'not-a-cursor'],
      ['a cursor whose id is not a UUID', Buffer.from(JSON.stringify(['2026-03-01T10:00:00.000Z', 'x'])).toString('base64url')],
      ['a cursor whose time is not a time', Buffer.from(JSON.stringify(['yesterday', UNKNOWN])).toString('base64url')],
      ['an empty cursor', ''],
    ])('answers 400 naming cursor for %s', async (_, cursor) => {
      const res = await t.client.get(`/api/agents?cursor=${encodeURIComponent(cursor)}`, lister.auth);
      expect(res.status).toBe(400);
      expect(res.body).toEqual({
        statusCode: 400,
        error: 'Bad Request',
        code: 'validation_failed',
        message: ['cursor must be a value taken from the X-Next-Cursor header'],
      });
    });

    it('rejects unknown query parameters and bad limits', async () => {
      expect((await t.client.get('/api/agents?owner=me', lister.auth)).body.message).toEqual(['property owner should not exist']);
      expect((await t.client.get('/api/agents?limit=abc', lister.auth)).body.message).toEqual([
        'limit must not be greater than 500',
        'limit must not be less than 1',
        'limit must be an integer number',
      ]);
    });
  });

  describe('GET/PATCH /api/agents/:id', () => {
    it('reads and updates name, description and labels', async () => {
      const agent = await createAgent(t.client, owner, { name: 'editable', labels: { a: '1' } });
      const got = await t.client.get(`/api/agents/${agent.id}`, owner.auth);
      expect(got.status).toBe(200);
      expect(got.body).toMatchObject({ id: agent.id, name: 'editable', labels: { a: '1' } });
      t.clock.advance(5_000);
      const updatedAt = t.clock.now().toISOString();
      const res = await t.client.patch(`/api/agents/${agent.id}`, owner.auth).send({ name: 'edited', description: 'now described', labels: { b: '2' } });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ ...got.body, name: 'edited', description: 'now described', labels: { b: '2' }, updatedAt });
      const cleared = await t.client.patch(`/api/agents/${agent.id}`, owner.auth).send({ description: null });
      expect(cleared.body.description).toBeNull();
      expect((await t.client.get(`/api/agents/${agent.id}`, owner.auth)).body).toEqual(cleared.body);
    });

    it('renaming onto another of your agents is 409 and changes nothing', async () => {
      await createAgent(t.client, owner, { name: 'taken-name' });
      const agent = await createAgent(t.client, owner, { name: 'free-name' });
      const res = await t.client.patch(`/api/agents/${agent.id}`, owner.auth).send({ name: 'taken-name' });
      expect(res.status).toBe(409);
      expect(res.body.message).toBe('an agent named "taken-name" already exists');
      expect((await t.client.get(`/api/agents/${agent.id}`, owner.auth)).body.name).toBe('free-name');
    });

    it('a status change writes the history row and an agent_status_changed event with from/to', async () => {
      const agent = await createAgent(t.client, owner, { name: 'status-bot' });
      t.clock.advance(10_000);
      const at = t.clock.now().toISOString();
      const res = await t.client.patch(`/api/agents/${agent.id}`, owner.auth).send({ status: 'warning' });
      expect(res.body).toMatchObject({ status: 'warning', statusChangedAt: at, updatedAt: at });
      // Setting the same status again is not a change.
      t.clock.advance(1_000);
      await t.client.patch(`/api/agents/${agent.id}`, owner.auth).send({ status: 'warning' }).expect(200);

      const history = await t.sql.query(`select status from agent_status_changes where agent_id = $1 order by changed_at, id`, [agent.id]);
      expect(history.rows.map((r) => r.status)).toEqual(['stopped', 'warning']);
      const events = await t.sql.query(`select type, message, metadata, actor, ts from events where agent_id = $1 and type = 'agent_status_changed'`, [
        agent.id,
      ]);
      expect(events.rows).toEqual([
        {
          type: 'agent_status_changed',
          message: 'Agent "status-bot" status changed from stopped to warning (set by user)',
          metadata: { agentId: agent.id, from: 'stopped', to: 'warning', reason: 'set by user' },
          actor: owner.id,
          ts: new Date(at),
        },
      ]);
    });

    it('answers 404 for a foreign or unknown id, 400 for a malformed one; admins read anyone’s', async () => {
      const agent = await createAgent(t.client, owner, { name: 'private' });
      for (const res of [
        await t.client.get(`/api/agents/${agent.id}`, other.auth),
        await t.client.patch(`/api/agents/${agent.id}`, other.auth).send({ name: 'stolen' }),
        await t.client.delete(`/api/agents/${agent.id}`, other.auth),
      ]) {
        expect(res.status).toBe(404);
        expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'agent_not_found', message: `agent ${agent.id} not found` });
      }
      expect((await t.client.get(`/api/agents/${UNKNOWN}`, owner.auth)).status).toBe(404);
      const malformed = await t.client.get('/api/agents/123', owner.auth);
      expect(malformed.status).toBe(400);
      expect(malformed.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'validation_failed', message: ['id must be a UUID'] });
      const asAdmin = await t.client.get(`/api/agents/${agent.id}`, admin.auth);
      expect(asAdmin.status).toBe(200);
      expect(asAdmin.body.name).toBe('private');
    });
  });

  describe('DELETE /api/agents/:id', () => {
    const telemetry = ['metric_samples', 'llm_calls', 'tool_calls', 'events'];

    async function seedTelemetry(agentId: string, ownerId: string): Promise<void> {
      // Stamped with the wall clock, as rows arriving now would be (the app's clock is not consulted).
      const now = new Date();
      await insertSamples(t.sql, [
        { agentId, type: 'cpu', value: 0.5, ts: now },
        { agentId, type: 'memory', value: 12, ts: now },
      ]);
      await insertLlmCalls(t.sql, [
        {
          agentId,
          model: 'gpt-4o',
          provider: 'openai',
          inputTokens: 10,
          outputTokens: 20,
          latencyMs: 300,
          status: 'success',
          costUsd: 0.001,
          rateSource: 'model',
          ts: now,
        },
      ]);
      await insertToolCalls(t.sql, [{ agentId, tool: 'search', durationMs: 40, status: 'success', ts: now }]);
      await insertEvents(t.sql, [{ ownerId, agentId, type: 'custom', message: 'sent by the agent', actor: 'agent', ts: now }]);
    }

    async function counts(agentId: string): Promise<Record<string, number>> {
      const result: Record<string, number> = {};
      for (const table of [...telemetry, 'deployments', 'agent_status_changes', 'agents']) {
        const column = table === 'agents' ? 'id' : 'agent_id';
        const { rows } = await t.sql.query(`select count(*)::int as n from ${table} where ${column} = $1`, [agentId]);
        result[table] = rows[0].n;
      }
      return result;
    }

    it('removes the agent, its deployments, history and telemetry, and leaves other agents alone', async () => {
      const doomed = await createAgent(t.client, owner, { name: 'doomed' });
      const survivor = await createAgent(t.client, owner, { name: 'survivor' });
      for (const agent of [doomed, survivor]) {
        await seedTelemetry(agent.id, owner.id);
        await createDeployment(t.client, owner, agent.id);
      }
      const survivorBefore = await counts(survivor.id);
      expect(await counts(doomed.id)).toEqual({
        metric_samples: 2,
        llm_calls: 1,
        tool_calls: 1,
        // agent_created, agent_deployed, agent_status_changed (stopped → queued), the custom one
        events: 4,
        deployments: 1,
        agent_status_changes: 2,
        agents: 1,
      });

      const res = await t.client.delete(`/api/agents/${doomed.id}`, owner.auth);
      expect(res.status).toBe(204);
      expect(res.text).toBe('');
      expect(await counts(doomed.id)).toEqual({
        metric_samples: 0,
        llm_calls: 0,
        tool_calls: 0,
        events: 0,
        deployments: 0,
        agent_status_changes: 0,
        agents: 0,
      });
      expect(await counts(survivor.id)).toEqual(survivorBefore);
      expect((await t.client.get(`/api/agents/${doomed.id}`, owner.auth)).status).toBe(404);
      expect((await t.client.delete(`/api/agents/${doomed.id}`, owner.auth)).status).toBe(404);
    });

    it('lets an admin delete anyone’s agent', async () => {
      const agent = await createAgent(t.client, other, { name: 'admin-deletes' });
      expect((await t.client.delete(`/api/agents/${agent.id}`, admin.auth)).status).toBe(204);
      expect((await counts(agent.id)).agents).toBe(0);
    });
  });
});
