import { createAgent, createDeployment, createUser, describeAuthorizationMatrix, MatrixWorld } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

describe('analytics routes', () => {
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
    const a = await createDeployment(t.client, owner, agent.id, { configuration: { replicas: 1 } });
    const b = await createDeployment(t.client, owner, agent.id, { configuration: { replicas: 2 } });
    world.fixtures = { agentId: agent.id, a: a.id, b: b.id, ownerId: owner.id };
  });
  afterAll(async () => {
    await t.close();
  });

  const anyone = { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 };
  const owned = { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 };
  const keyedByOwner = { anonymous: 401, owner: 200, otherUser: 403, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 };
  const read = 'monitoring:read' as const;

  describeAuthorizationMatrix('analytics', () => world, [
    { route: 'GET /api/analytics/tools/summary', method: 'get', path: () => '/api/analytics/tools/summary', scope: read, expect: anyone },
    {
      route: 'GET /api/analytics/tools/summary?user_id=<owner>',
      method: 'get',
      path: (w) => `/api/analytics/tools/summary?user_id=${w.fixtures.ownerId}`,
      scope: read,
      expect: keyedByOwner,
    },
    { route: 'GET /api/analytics/tools/by-tool', method: 'get', path: () => '/api/analytics/tools/by-tool', scope: read, expect: anyone },
    { route: 'GET /api/analytics/llm/by-model', method: 'get', path: () => '/api/analytics/llm/by-model', scope: read, expect: anyone },
    {
      route: 'GET /api/analytics/llm/by-model?user_id=<owner>',
      method: 'get',
      path: (w) => `/api/analytics/llm/by-model?user_id=${w.fixtures.ownerId}`,
      scope: read,
      expect: keyedByOwner,
    },
    { route: 'GET /api/analytics/tools/recent', method: 'get', path: () => '/api/analytics/tools/recent', scope: read, expect: anyone },
    { route: 'GET /api/analytics/deployments/summary', method: 'get', path: () => '/api/analytics/deployments/summary', scope: read, expect: anyone },
    {
      route: 'GET /api/analytics/deployments/metrics',
      method: 'get',
      path: () => '/api/analytics/deployments/metrics?interval=week',
      scope: read,
      expect: anyone,
    },
    {
      route: 'GET /api/analytics/deployments/compare',
      method: 'get',
      path: (w) => `/api/analytics/deployments/compare?a=${w.fixtures.a}&b=${w.fixtures.b}`,
      scope: read,
      expect: owned,
    },
    { route: 'GET /api/analytics/timeseries', method: 'get', path: () => '/api/analytics/timeseries?metric=cpu_usage', scope: read, expect: anyone },
    {
      route: 'GET /api/analytics/timeseries?agentId',
      method: 'get',
      path: (w) => `/api/analytics/timeseries?metric=llm_latency_ms&agentId=${w.fixtures.agentId}`,
      scope: read,
      expect: owned,
    },
    { route: 'GET /api/analytics/export', method: 'get', path: () => '/api/analytics/export?dataset=events&format=json', scope: read, expect: anyone },
    {
      route: 'GET /api/analytics/export?agentId',
      method: 'get',
      path: (w) => `/api/analytics/export?dataset=llm_calls&agentId=${w.fixtures.agentId}`,
      scope: read,
      expect: owned,
    },
  ]);
});
