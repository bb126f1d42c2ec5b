import { createAgent, createApiKey, createUser, describeAuthorizationMatrix, MatrixRoute, MatrixWorld, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

describe('metrics routes: who may read what', () => {
  let t: TestApp;
  let owner: TestUser;
  let otherUser: TestUser;
  let admin: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: '2026-11-22T12:30:00Z' });
    owner = await createUser(t.client, t.sql);
    otherUser = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agent = await createAgent(t.client, owner);
  });
  afterAll(async () => {
    await t?.close();
  });

  const world = (): MatrixWorld => ({ client: t.client, owner, otherUser, admin, fixtures: { agentId: agent.id, agentName: agent.name } });
  const keyedByUser = { anonymous: 401, owner: 200, otherUser: 403, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 };
  const agentById = { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 };
  const routes: MatrixRoute[] = [
    {
      route: 'GET /api/metrics',
      method: 'get',
      path: () => '/api/metrics',
      scope: 'monitoring:read',
      expect: { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
    ...(['historical', 'performance', 'summary'] as const).map((leaf): MatrixRoute => ({
      route: `GET /api/metrics/:userId/${leaf}`,
      method: 'get',
      path: (w) => `/api/metrics/${w.owner.id}/${leaf}`,
      scope: 'monitoring:read',
      expect: keyedByUser,
    })),
    {
      route: 'GET /api/agents/:id/metrics',
      method: 'get',
      path: (w) => `/api/agents/${w.fixtures.agentId}/metrics`,
      scope: 'monitoring:read',
      expect: agentById,
    },
    {
      route: 'GET /api/agents/:id/metrics/summary',
      method: 'get',
      path: (w) => `/api/agents/${w.fixtures.agentId}/metrics/summary`,
      scope: 'monitoring:read',
      expect: agentById,
    },
    {
      route: 'GET /api/v1/agents/:account/:name/observability/metrics',
      method: 'get',
      path: (w) => `/api/v1/agents/${w.owner.username}/${w.fixtures.agentName}/observability/metrics`,
      scope: 'monitoring:read',
      expect: keyedByUser,
    },
  ];
  describeAuthorizationMatrix('metrics', world, routes);

  it('an ingest-only key can read none of them', async () => {
    const key = { apiKey: await createApiKey(t.client, owner, ['ingest'], 'ingest only') };
    for (const row of routes) {
      const res = await t.client.get(row.path(world(), {}), key);
      expect([row.route, res.status]).toEqual([row.route, 403]);
    }
  });

  it('an unknown agent id answers 404 and a malformed one 400', async () => {
    expect((await t.client.get('/api/agents/00000000-0000-7000-8000-000000000000/metrics', owner.auth)).status).toBe(404);
    const bad = await t.client.get('/api/agents/not-a-uuid/metrics/summary', owner.auth);
    expect(bad.status).toBe(400);
  });

  it('documents every metrics route in OpenAPI with how its numbers are computed', async () => {
    const doc = (await t.client.get('/api/docs-json')).body as {
      paths: Record<string, { get?: { description?: string; responses: Record<string, unknown> } }>;
    };
    for (const path of [
      '/api/metrics',
      '/api/metrics/{userId}/historical',
      '/api/metrics/{userId}/performance',
      '/api/metrics/{userId}/summary',
      '/api/agents/{id}/metrics',
      '/api/agents/{id}/metrics/summary',
      '/api/v1/agents/{account}/{name}/observability/metrics',
    ]) {
      const get = doc.paths[path]?.get;
      expect([path, (get?.description ?? '').length > 100]).toEqual([path, true]);
      expect([path, Object.keys(get?.responses ?? {})]).toEqual([path, expect.arrayContaining(['200'])]);
    }
  });

  it('refuses unknown query parameters, naming them', async () => {
    const res = await t.client.get(`/api/metrics/${owner.id}/historical?range=24h&zoom=2`, owner.auth);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('zoom');
  });
});
