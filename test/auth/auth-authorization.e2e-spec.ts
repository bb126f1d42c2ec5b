import { randomBytes } from 'node:crypto';
import { createUser, describeAuthorizationMatrix, MatrixWorld } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

describe('auth routes', () => {
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
  });
  afterAll(async () => {
    await t.close();
  });

  const userSessionOnly = { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 403 };
  const adminOnly = { anonymous: 401, owner: 403, otherUser: 403, admin: 200, wrongScopeKey: 403, rightScopeKey: 403 };

  describeAuthorizationMatrix('auth', () => world, [
    {
      route: 'POST /api/auth/register',
      method: 'post',
      path: () => '/api/auth/register',
      prepare: async () => ({ username: `matrix-${randomBytes(4).toString('hex')}` }),
      body: (_, p) => ({ email: `${p.username}@example.test`, password: 'matrix-password', username: p.username }),
      expect: { anonymous: 201 },
    },
    {
      route: 'POST /api/auth/login',
      method: 'post',
      path: () => '/api/auth/login',
      body: (w) => ({ email: w.owner.email, password: w.owner.password }),
      expect: { anonymous: 200 },
    },
    {
      route: 'GET /api/auth/me',
      method: 'get',
      path: () => '/api/auth/me',
      scope: 'monitoring:read',
      expect: { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
    {
      route: 'POST /api/auth/api-keys',
      method: 'post',
      path: () => '/api/auth/api-keys',
      body: () => ({ name: 'matrix', scopes: ['ingest'] }),
      expect: { ...userSessionOnly, owner: 201, otherUser: 201, admin: 201 },
    },
    { route: 'GET /api/auth/api-keys', method: 'get', path: () => '/api/auth/api-keys', expect: userSessionOnly },
    {
      route: 'DELETE /api/auth/api-keys/:id',
      method: 'delete',
      prepare: async (w) => {
        const res = await w.client.post('/api/auth/api-keys', w.owner.auth).send({ name: 'to revoke', scopes: ['ingest'] });
        return { id: res.body.id as string };
      },
      path: (_, p) => `/api/auth/api-keys/${p.id}`,
      expect: { anonymous: 401, owner: 204, otherUser: 404, admin: 204, wrongScopeKey: 403, rightScopeKey: 403 },
    },
    { route: 'GET /api/admin/users', method: 'get', path: () => '/api/admin/users', expect: adminOnly },
    {
      route: 'PATCH /api/admin/users/:id',
      method: 'patch',
      path: (w) => `/api/admin/users/${w.owner.id}`,
      body: () => ({ plan: 'solo' }),
      expect: adminOnly,
    },
  ]);
});
