import { randomBytes } from 'node:crypto';
import { createAgent, createDeployment, createUser, describeAuthorizationMatrix, MatrixWorld } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

describe('agents and deployments routes', () => {
  let t: TestApp;
  let world: MatrixWorld;
  beforeAll(async () => {
    t = await startTestApp();
    const [owner, otherUser, admin] = [
      await createUser(t.client, t.sql),
      await createUser(t.client, t.sql),
      await createUser(t.client, t.sql, { admin: true }),
    ];
    world = { client: t.client, owner, otherUser, admin, fixtures: {} };
    const agent = await createAgent(t.client, owner);
    const deployment = await createDeployment(t.client, owner, agent.id, { configuration: { replicas: 1 } });
    world.fixtures = { agentId: agent.id, deploymentId: deployment.id };
  });
  afterAll(async () => {
    await t.close();
  });

  const owned = (ok: number) => ({ anonymous: 401, owner: ok, otherUser: 404, admin: ok, wrongScopeKey: 403, rightScopeKey: ok });
  const freshAgent = async (w: MatrixWorld) => ({ agentId: (await createAgent(w.client, w.owner)).id });
  const freshDeployment = async (w: MatrixWorld) => {
    const agent = await createAgent(w.client, w.owner);
    return { deploymentId: (await createDeployment(w.client, w.owner, agent.id)).id };
  };

  describeAuthorizationMatrix('agents', () => world, [
    {
      route: 'POST /api/agents',
      method: 'post',
      path: () => '/api/agents',
      body: () => ({ name: `matrix-${randomBytes(4).toString('hex')}` }),
      scope: 'agents:write',
      expect: { anonymous: 401, owner: 201, otherUser: 201, admin: 201, wrongScopeKey: 403, rightScopeKey: 201 },
    },
    {
      route: 'GET /api/agents',
      method: 'get',
      path: () => '/api/agents',
      scope: 'monitoring:read',
      expect: { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
    { route: 'GET /api/agents/:id', method: 'get', path: (w) => `/api/agents/${w.fixtures.agentId}`, scope: 'monitoring:read', expect: owned(200) },
    {
      route: 'PATCH /api/agents/:id',
      method: 'patch',
      path: (w) => `/api/agents/${w.fixtures.agentId}`,
      body: () => ({ description: 'touched by the matrix' }),
      scope: 'agents:write',
      expect: owned(200),
    },
    {
      route: 'DELETE /api/agents/:id',
      method: 'delete',
      prepare: freshAgent,
      path: (_, p) => `/api/agents/${p.agentId}`,
      scope: 'agents:write',
      expect: owned(204),
    },
    {
      route: 'POST /api/agents/:id/deployments',
      method: 'post',
      prepare: freshAgent,
      path: (_, p) => `/api/agents/${p.agentId}/deployments`,
      body: () => ({ environment: 'production', configuration: {} }),
      scope: 'agents:write',
      expect: owned(201),
    },
    {
      route: 'GET /api/agents/:id/deployments',
      method: 'get',
      path: (w) => `/api/agents/${w.fixtures.agentId}/deployments`,
      scope: 'monitoring:read',
      expect: owned(200),
    },
    {
      route: 'PATCH /api/deployments/:id',
      method: 'patch',
      prepare: freshDeployment,
      path: (_, p) => `/api/deployments/${p.deploymentId}`,
      body: () => ({ status: 'in_progress' }),
      scope: 'agents:write',
      expect: owned(200),
    },
    {
      route: 'GET /api/deployments/:id/configuration',
      method: 'get',
      path: (w) => `/api/deployments/${w.fixtures.deploymentId}/configuration`,
      scope: 'monitoring:read',
      expect: owned(200),
    },
    {
      route: 'PUT /api/deployments/:id/configuration',
      method: 'put',
      prepare: freshDeployment,
      path: (_, p) => `/api/deployments/${p.deploymentId}/configuration`,
      body: () => ({ replicas: 2 }),
      scope: 'agents:write',
      expect: owned(200),
    },
  ]);
});
