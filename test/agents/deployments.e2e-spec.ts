import { ActivityLogService } from '@fleetwatch/agents';
import { Principal, SCOPES } from '@fleetwatch/common';
import { createAgent, createDeployment, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-03-01T10:00:00.000Z';
const UNKNOWN = '01900000-0000-7000-8000-000000000000';

describe('deployments', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let principal: Principal;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql, { username: 'owner' });
    other = await createUser(t.client, t.sql, { username: 'other' });
    principal = { userId: owner.id, role: 'user', scopes: SCOPES, via: 'jwt' };
  });
  afterAll(async () => {
    await t.close();
  });

  const agentStatus = async (id: string): Promise<string> => (await t.client.get(`/api/agents/${id}`, owner.auth)).body.status;
  const move = (id: string, body: Record<string, unknown>) => t.client.patch(`/api/deployments/${id}`, owner.auth).send(body);
  const tick = (): string => {
    t.clock.advance(1_000);
    return t.clock.now().toISOString();
  };

  it('creates a pending deployment with exactly the given fields and queues the agent', async () => {
    const agent = await createAgent(t.client, owner, { name: 'deployable' });
    const at = tick();
    const configuration = { replicas: 2, model: { name: 'gpt-4o', temperature: 0.2 }, tools: ['search'] };
    const res = await t.client.post(`/api/agents/${agent.id}/deployments`, owner.auth).send({ environment: 'production', version: '1.4.2', configuration });
    expect(res.status).toBe(201);
    expect(res.body).toEqual({
      id: expect.any(String),
      agentId: agent.id,
      environment: 'production',
      version: '1.4.2',
      status: 'pending',
      error: null,
      configuration,
      createdAt: at,
      startedAt: null,
      finishedAt: null,
    });
    expect(await agentStatus(agent.id)).toBe('queued');
  });

  it.each([
    ['a missing configuration', { environment: 'prod' }, ['configuration must be an object']],
    ['an array configuration', { environment: 'prod', configuration: [1] }, ['configuration must be an object']],
    [
      'a missing environment',
      { configuration: {} },
      [
        'environment must be shorter than or equal to 100 characters',
        'environment must be longer than or equal to 1 characters',
        'environment must be a string',
      ],
    ],
    ['an unknown property', { environment: 'prod', configuration: {}, status: 'succeeded' }, ['property status should not exist']],
  ])('rejects %s with 400 naming the field and writes nothing', async (_, body, message) => {
    const agent = await createAgent(t.client, owner);
    const res = await t.client.post(`/api/agents/${agent.id}/deployments`, owner.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'validation_failed', message });
    const { rows } = await t.sql.query(`select count(*)::int as n from deployments where agent_id = $1`, [agent.id]);
    expect(rows[0].n).toBe(0);
    expect(await agentStatus(agent.id)).toBe('stopped');
  });

  it('pending → in_progress → succeeded moves the agent deploying then running, with timestamps', async () => {
    const agent = await createAgent(t.client, owner);
    const deployment = await createDeployment(t.client, owner, agent.id, { configuration: { a: 1 } });
    const startedAt = tick();
    const started = await move(deployment.id, { status: 'in_progress' });
    expect(started.status).toBe(200);
    expect(started.body).toMatchObject({ id: deployment.id, status: 'in_progress', startedAt, finishedAt: null, error: null });
    expect(await agentStatus(agent.id)).toBe('deploying');
    const finishedAt = tick();
    const done = await move(deployment.id, { status: 'succeeded' });
    expect(done.body).toMatchObject({ status: 'succeeded', startedAt, finishedAt, error: null, configuration: { a: 1 } });
    const got = await t.client.get(`/api/agents/${agent.id}`, owner.auth);
    expect(got.body).toMatchObject({ status: 'running', statusChangedAt: finishedAt });
  });

  it('failed sets the agent to error and stores the error text', async () => {
    const agent = await createAgent(t.client, owner);
    const deployment = await createDeployment(t.client, owner, agent.id);
    await move(deployment.id, { status: 'in_progress' }).expect(200);
    const at = tick();
    const failed = await move(deployment.id, { status: 'failed', error: 'image pull failed' });
    expect(failed.status).toBe(200);
    expect(failed.body).toMatchObject({ status: 'failed', error: 'image pull failed', finishedAt: at });
    expect(await agentStatus(agent.id)).toBe('error');
    const { rows } = await t.sql.query(`select status, error, finished_at from deployments where id = $1`, [deployment.id]);
    expect(rows).toEqual([{ status: 'failed', error: 'image pull failed', finished_at: new Date(at) }]);
  });

  it('accepts error text only with status failed (400 otherwise, nothing changes)', async () => {
    const agent = await createAgent(t.client, owner);
    const deployment = await createDeployment(t.client, owner, agent.id);
    const res = await move(deployment.id, { status: 'in_progress', error: 'not a failure' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({
      statusCode: 400,
      error: 'Bad Request',
      code: 'invalid_deployment_update',
      message: 'error is accepted only with status failed',
    });
    const { rows } = await t.sql.query(`select status, error from deployments where id = $1`, [deployment.id]);
    expect(rows).toEqual([{ status: 'pending', error: null }]);
  });

  it('an older deployment finishing after a newer one started leaves the agent status to the newer one', async () => {
    const agent = await createAgent(t.client, owner);
    const first = await createDeployment(t.client, owner, agent.id);
    await move(first.id, { status: 'in_progress' }).expect(200);
    tick();
    const second = await createDeployment(t.client, owner, agent.id);
    await move(second.id, { status: 'in_progress' }).expect(200);
    expect(await agentStatus(agent.id)).toBe('deploying');
    tick();
    const late = await move(first.id, { status: 'failed', error: 'superseded' });
    expect(late.body).toMatchObject({ status: 'failed', error: 'superseded' });
    expect(await agentStatus(agent.id)).toBe('deploying');
    await move(second.id, { status: 'succeeded' }).expect(200);
    expect(await agentStatus(agent.id)).toBe('running');
  });

  it('a pending deployment may fail directly', async () => {
    const agent = await createAgent(t.client, owner);
    const deployment = await createDeployment(t.client, owner, agent.id);
    const failed = await move(deployment.id, { status: 'failed' });
    expect(failed.body).toMatchObject({ status: 'failed', error: null, startedAt: null });
    expect(await agentStatus(agent.id)).toBe('error');
  });

  it.each([
    ['pending', 'succeeded'],
    ['in_progress', 'in_progress'],
    ['succeeded', 'in_progress'],
    ['succeeded', 'failed'],
    ['succeeded', 'succeeded'],
    ['failed', 'in_progress'],
    ['failed', 'succeeded'],
  ])('refuses %s → %s with 409 and changes nothing', async (from, to) => {
    const agent = await createAgent(t.client, owner);
    const deployment = await createDeployment(t.client, owner, agent.id);
    const path: Record<string, string[]> = { pending: [], in_progress: ['in_progress'], succeeded: ['in_progress', 'succeeded'], failed: ['failed'] };
    for (const step of path[from]) await move(deployment.id, { status: step }).expect(200);
    const before = await t.sql.query(`select * from deployments where id = $1`, [deployment.id]);
    const statusBefore = await agentStatus(agent.id);
    const res = await move(deployment.id, { status: to });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'illegal_transition',
      message: `deployment ${deployment.id} cannot move from ${from} to ${to}`,
    });
    expect((await t.sql.query(`select * from deployments where id = $1`, [deployment.id])).rows).toEqual(before.rows);
    expect(await agentStatus(agent.id)).toBe(statusBefore);
  });

  it('rejects a target status outside in_progress/succeeded/failed with 400', async () => {
    const agent = await createAgent(t.client, owner);
    const deployment = await createDeployment(t.client, owner, agent.id);
    const res = await move(deployment.id, { status: 'pending' });
    expect(res.status).toBe(400);
    expect(res.body.message).toEqual(['status must be one of the following values: in_progress, succeeded, failed']);
  });

  it('lists an agent’s deployments newest first, paged', async () => {
    const agent = await createAgent(t.client, owner);
    const ids: string[] = [];
    for (const version of ['1', '2', '3']) {
      tick();
      ids.push((await createDeployment(t.client, owner, agent.id, { version })).id);
    }
    const all = await t.client.get(`/api/agents/${agent.id}/deployments`, owner.auth);
    expect(all.status).toBe(200);
    expect(all.body.map((d: { id: string; version: string }) => [d.id, d.version])).toEqual([
      [ids[2], '3'],
      [ids[1], '2'],
      [ids[0], '1'],
    ]);
    const first = await t.client.get(`/api/agents/${agent.id}/deployments?limit=2`, owner.auth);
    expect(first.body.map((d: { id: string }) => d.id)).toEqual([ids[2], ids[1]]);
    const next = await t.client.get(`/api/agents/${agent.id}/deployments?limit=2&cursor=${encodeURIComponent(first.headers['x-next-cursor'])}`, owner.auth);
    expect(next.body.map((d: { id: string }) => d.id)).toEqual([ids[0]]);
    expect(next.headers['x-next-cursor']).toBeUndefined();
    const garbage = await t.client.get(`/api/agents/${agent.id}/deployments?cursor=zzz`, owner.auth);
    expect(garbage.status).toBe(400);
    expect(garbage.body.message).toEqual(['cursor must be a value taken from the X-Next-Cursor header']);
  });

  describe('configuration', () => {
    let agent: TestAgent;
    beforeAll(async () => {
      agent = await createAgent(t.client, owner, { name: 'configurable' });
    });

    it('reads and replaces the configuration object while pending', async () => {
      const deployment = await createDeployment(t.client, owner, agent.id, { configuration: { replicas: 1 } });
      const read = await t.client.get(`/api/deployments/${deployment.id}/configuration`, owner.auth);
      expect(read.status).toBe(200);
      expect(read.body).toEqual({ replicas: 1 });
      const replacement = { replicas: 3, env: { LOG: 'debug' }, flags: [true, false] };
      const put = await t.client.put(`/api/deployments/${deployment.id}/configuration`, owner.auth).send(replacement);
      expect(put.status).toBe(200);
      expect(put.body).toEqual(replacement);
      expect((await t.client.get(`/api/deployments/${deployment.id}/configuration`, owner.auth)).body).toEqual(replacement);
      const { rows } = await t.sql.query(`select configuration from deployments where id = $1`, [deployment.id]);
      expect(rows[0].configuration).toEqual(replacement);
    });

    it.each([
      ['an array', [1, 2]],
      ['a string', '"text"'],
      ['null', 'null'],
      ['a number', '5'],
    ])('rejects %s as configuration with 400', async (_, body) => {
      const deployment = await createDeployment(t.client, owner, agent.id, { configuration: { kept: true } });
      const res = await t.client
        .put(`/api/deployments/${deployment.id}/configuration`, owner.auth)
        .set('Content-Type', 'application/json')
        .send(typeof body === 'string' ? body : JSON.stringify(body));
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'validation_failed', message: ['configuration must be a JSON object'] });
      expect((await t.client.get(`/api/deployments/${deployment.id}/configuration`, owner.auth)).body).toEqual({ kept: true });
    });

    it('refuses a replacement once the deployment left pending (409)', async () => {
      const deployment = await createDeployment(t.client, owner, agent.id, { configuration: { v: 1 } });
      await move(deployment.id, { status: 'in_progress' }).expect(200);
      const res = await t.client.put(`/api/deployments/${deployment.id}/configuration`, owner.auth).send({ v: 2 });
      expect(res.status).toBe(409);
      expect(res.body).toEqual({
        statusCode: 409,
        error: 'Conflict',
        code: 'configuration_locked',
        message: `deployment ${deployment.id} is in_progress; its configuration can change only while pending`,
      });
      expect((await t.client.get(`/api/deployments/${deployment.id}/configuration`, owner.auth)).body).toEqual({ v: 1 });
    });
  });

  it('answers 404 for another user’s or an unknown agent/deployment, 400 for malformed ids', async () => {
    const agent = await createAgent(t.client, owner);
    const deployment = await createDeployment(t.client, owner, agent.id);
    const agentMissing = { statusCode: 404, error: 'Not Found', code: 'agent_not_found', message: `agent ${agent.id} not found` };
    const deploymentMissing = { statusCode: 404, error: 'Not Found', code: 'deployment_not_found', message: `deployment ${deployment.id} not found` };
    expect((await t.client.post(`/api/agents/${agent.id}/deployments`, other.auth).send({ environment: 'x', configuration: {} })).body).toEqual(agentMissing);
    expect((await t.client.get(`/api/agents/${agent.id}/deployments`, other.auth)).body).toEqual(agentMissing);
    expect((await t.client.patch(`/api/deployments/${deployment.id}`, other.auth).send({ status: 'in_progress' })).body).toEqual(deploymentMissing);
    expect((await t.client.get(`/api/deployments/${deployment.id}/configuration`, other.auth)).body).toEqual(deploymentMissing);
    expect((await t.client.put(`/api/deployments/${deployment.id}/configuration`, other.auth).send({ x: 1 })).body).toEqual(deploymentMissing);
    expect((await t.client.patch(`/api/deployments/${UNKNOWN}`, owner.auth).send({ status: 'in_progress' })).status).toBe(404);
    expect((await t.client.get('/api/deployments/nope/configuration', owner.auth)).body.message).toEqual(['id must be a UUID']);
    expect((await t.client.post('/api/agents/nope/deployments', owner.auth).send({ environment: 'x', configuration: {} })).body.message).toEqual([
      'id must be a UUID',
    ]);
    const { rows } = await t.sql.query(`select status, configuration from deployments where id = $1`, [deployment.id]);
    expect(rows).toEqual([{ status: 'pending', configuration: {} }]);
  });

  it('writes the activity log: agent_created, agent_deployed, status changes with from/to, agent_redeployed; and the status history', async () => {
    const agent = await createAgent(t.client, owner, { name: 'logged' });
    const first = await createDeployment(t.client, owner, agent.id, { environment: 'staging', version: '1.0' });
    await move(first.id, { status: 'in_progress' }).expect(200);
    await move(first.id, { status: 'succeeded' }).expect(200);
    tick();
    const second = await createDeployment(t.client, owner, agent.id, { environment: 'production' });

    const log = await t.get(ActivityLogService).list(principal, { agentId: agent.id, limit: 50 });
    const oldestFirst = [...log].reverse().map((e) => ({ type: e.type, metadata: e.metadata }));
    expect(oldestFirst).toEqual([
      { type: 'agent_created', metadata: { agentId: agent.id } },
      { type: 'agent_deployed', metadata: { agentId: agent.id, deploymentId: first.id, environment: 'staging', version: '1.0' } },
      { type: 'agent_status_changed', metadata: { agentId: agent.id, from: 'stopped', to: 'queued', reason: `deployment ${first.id}` } },
      { type: 'agent_status_changed', metadata: { agentId: agent.id, from: 'queued', to: 'deploying', reason: `deployment ${first.id} in_progress` } },
      { type: 'agent_status_changed', metadata: { agentId: agent.id, from: 'deploying', to: 'running', reason: `deployment ${first.id} succeeded` } },
      { type: 'agent_redeployed', metadata: { agentId: agent.id, deploymentId: second.id, environment: 'production', version: null } },
      { type: 'agent_status_changed', metadata: { agentId: agent.id, from: 'running', to: 'queued', reason: `deployment ${second.id}` } },
    ]);
    expect(log.find((e) => e.type === 'agent_deployed')?.message).toBe('Agent "logged" queued for deployment to staging (version 1.0)');
    expect(log[0].created_at).toBe(t.clock.now().toISOString());

    const history = await t.sql.query(`select status from agent_status_changes where agent_id = $1 order by changed_at, id`, [agent.id]);
    expect(history.rows.map((r) => r.status)).toEqual(['stopped', 'queued', 'deploying', 'running', 'queued']);
    // Another user's view of the log holds none of it.
    const otherLog = await t.get(ActivityLogService).list({ userId: other.id, role: 'user', scopes: SCOPES, via: 'jwt' }, { agentId: agent.id, limit: 50 });
    expect(otherLog).toEqual([]);
  });

  it('two deployments created at once log one agent_deployed and one agent_redeployed', async () => {
    const agent = await createAgent(t.client, owner, { name: 'raced' });
    const send = () => t.client.post(`/api/agents/${agent.id}/deployments`, owner.auth).send({ environment: 'production', configuration: {} });
    const results = await Promise.all([send(), send()]);
    expect(results.map((r) => r.status)).toEqual([201, 201]);
    const { rows } = await t.sql.query(`select type from events where agent_id = $1 and type like 'agent_%deployed' order by type`, [agent.id]);
    expect(rows.map((r) => r.type)).toEqual(['agent_deployed', 'agent_redeployed']);
    const history = await t.sql.query(`select status from agent_status_changes where agent_id = $1 order by changed_at, id`, [agent.id]);
    expect(history.rows.map((r) => r.status)).toEqual(['stopped', 'queued']);
  });

  it('leaves nothing behind when the activity-log write of a new deployment fails', async () => {
    const agent = await createAgent(t.client, owner, { name: 'half-written' });
    // Make the events table refuse exactly the row the deployment writes, after the deployment row is flushed.
    await t.sql.query(`alter table events add constraint test_refuse_deployed check (agent_id <> '${agent.id}' or type <> 'agent_deployed')`);
    try {
      const res = await t.client.post(`/api/agents/${agent.id}/deployments`, owner.auth).send({ environment: 'production', configuration: { a: 1 } });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({
        statusCode: 500,
        error: 'Internal Server Error',
        code: 'internal_error',
        message: 'Internal server error',
        errorId: expect.any(String),
      });
    } finally {
      await t.sql.query(`alter table events drop constraint test_refuse_deployed`);
    }
    const deployments = await t.sql.query(`select count(*)::int as n from deployments where agent_id = $1`, [agent.id]);
    expect(deployments.rows[0].n).toBe(0);
    const history = await t.sql.query(`select status from agent_status_changes where agent_id = $1`, [agent.id]);
    expect(history.rows).toEqual([{ status: 'stopped' }]);
    const events = await t.sql.query(`select type from events where agent_id = $1`, [agent.id]);
    expect(events.rows).toEqual([{ type: 'agent_created' }]);
    expect(await agentStatus(agent.id)).toBe('stopped');
    // And the agent deploys normally afterwards.
    await createDeployment(t.client, owner, agent.id);
    expect(await agentStatus(agent.id)).toBe('queued');
  });
});
