import { createTestDatabase, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, testAdminUrl, TestApp } from '../support/test-app';

const NOW = '2026-03-01T10:00:00.000Z';

function publicUser(u: TestUser, extra: Partial<{ role: string; plan: string | null; createdAt: string }> = {}) {
  return { id: u.id, email: u.email, username: u.username, role: u.role, plan: null, createdAt: NOW, ...extra };
}

describe('admin: users', () => {
  let t: TestApp;
  let admin: TestUser;
  let alice: TestUser;
  let bob: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    admin = await createUser(t.client, t.sql, { username: 'boss', admin: true });
    alice = await createUser(t.client, t.sql, { username: 'alice' });
    bob = await createUser(t.client, t.sql, { username: 'bob' });
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every user oldest first, paging with limit and X-Next-Cursor', async () => {
    const all = await t.client.get('/api/admin/users', admin.auth);
    expect(all.status).toBe(200);
    expect(all.body).toEqual([publicUser(admin), publicUser(alice), publicUser(bob)]);
    expect(all.headers['x-next-cursor']).toBeUndefined();

    const first = await t.client.get('/api/admin/users?limit=2', admin.auth);
    expect(first.body).toEqual([publicUser(admin), publicUser(alice)]);
    const cursor = first.headers['x-next-cursor'];
    expect(typeof cursor).toBe('string');
    const second = await t.client.get(`/api/admin/users?limit=2&cursor=${encodeURIComponent(cursor)}`, admin.auth);
    expect(second.body).toEqual([publicUser(bob)]);
    expect(second.headers['x-next-cursor']).toBeUndefined();
  });

  it.each([
    ['a garbage cursor', 'cursor=garbage', ['cursor must be a value taken from the X-Next-Cursor header']],
    ['a limit above 500', 'limit=501', ['limit must not be greater than 500']],
    ['a limit of 0', 'limit=0', ['limit must not be less than 1']],
    ['an unknown parameter', 'sort=name', ['property sort should not exist']],
  ])('rejects %s with 400 naming the parameter', async (_, query, message) => {
    const res = await t.client.get(`/api/admin/users?${query}`, admin.auth);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'validation_failed', message });
  });

  it('refuses non-admins with 403', async () => {
    for (const path of ['/api/admin/users']) {
      const res = await t.client.get(path, alice.auth);
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', code: 'forbidden', message: 'Admins only' });
    }
    const patch = await t.client.patch(`/api/admin/users/${bob.id}`, alice.auth).send({ role: 'admin' });
    expect(patch.status).toBe(403);
    const { rows } = await t.sql.query(`select role from users where id = $1`, [bob.id]);
    expect(rows[0].role).toBe('user');
  });

  it('sets plan and role; a promoted user is admin at once with the token they already hold', async () => {
    t.clock.advance(60_000);
    const planned = await t.client.patch(`/api/admin/users/${alice.id}`, admin.auth).send({ plan: 'collective' });
    expect(planned.status).toBe(200);
    expect(planned.body).toEqual(publicUser(alice, { plan: 'collective' }));
    const promoted = await t.client.patch(`/api/admin/users/${alice.id}`, admin.auth).send({ role: 'admin' });
    expect(promoted.body).toEqual(publicUser(alice, { plan: 'collective', role: 'admin' }));
    const { rows } = await t.sql.query(`select role, plan, updated_at from users where id = $1`, [alice.id]);
    expect(rows[0]).toEqual({ role: 'admin', plan: 'collective', updated_at: t.clock.now() });

    expect((await t.client.get('/api/admin/users', alice.auth)).status).toBe(200);

    const demoted = await t.client.patch(`/api/admin/users/${alice.id}`, admin.auth).send({ role: 'user', plan: null });
    expect(demoted.body).toEqual(publicUser(alice, { role: 'user', plan: null }));
    expect((await t.client.get('/api/admin/users', alice.auth)).status).toBe(403);
  });

  it('refuses to demote the last admin (409) and leaves the role unchanged', async () => {
    const res = await t.client.patch(`/api/admin/users/${admin.id}`, admin.auth).send({ role: 'user' });
    expect(res.status).toBe(409);
    expect(res.body).toEqual({
      statusCode: 409,
      error: 'Conflict',
      code: 'last_admin',
      message: 'the last admin cannot be demoted; promote another user first',
    });
    const { rows } = await t.sql.query(`select role from users where id = $1`, [admin.id]);
    expect(rows).toEqual([{ role: 'admin' }]);
  });

  it.each([
    ['an unknown role', { role: 'root' }, ['role must be one of the following values: user, admin']],
    ['a non-string plan', { plan: 5 }, ['plan must be shorter than or equal to 50 characters', 'plan must be a string']],
    ['an unknown property', { email: 'x@example.test' }, ['property email should not exist']],
  ])('rejects %s with 400 naming the field', async (_, body, message) => {
    const res = await t.client.patch(`/api/admin/users/${bob.id}`, admin.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'validation_failed', message });
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    const unknown = '01900000-0000-7000-8000-000000000000';
    const res = await t.client.patch(`/api/admin/users/${unknown}`, admin.auth).send({ plan: 'solo' });
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'user_not_found', message: `user ${unknown} not found` });
    const bad = await t.client.patch('/api/admin/users/42', admin.auth).send({ plan: 'solo' });
    expect(bad.status).toBe(400);
    expect(bad.body.message).toEqual(['id must be a UUID']);
  });
});

describe('admin: ADMIN_EMAIL / ADMIN_PASSWORD bootstrap', () => {
  it('creates the admin at start-up, and a restart updates it instead of adding another', async () => {
    const first = await startTestApp({ now: NOW, env: { ADMIN_EMAIL: 'Root@Example.test', ADMIN_PASSWORD: 'first-root-password' } });
    const databaseUrl = first.databaseUrl;
    try {
      const { rows } = await first.sql.query(`select email, username, role, plan, created_at from users`);
      expect(rows).toEqual([{ email: 'root@example.test', username: 'root', role: 'admin', plan: null, created_at: new Date(NOW) }]);
      const login = await first.client.post('/api/auth/login').send({ email: 'root@example.test', password: 'first-root-password' });
      expect(login.status).toBe(200);
      const list = await first.client.get('/api/admin/users', { token: login.body.accessToken });
      expect(list.status).toBe(200);
      expect(list.body).toEqual([{ id: expect.any(String), email: 'root@example.test', username: 'root', role: 'admin', plan: null, createdAt: NOW }]);
      // Someone demoted the admin by hand: the next start restores the role.
      await first.sql.query(`update users set role = 'user'`);
    } finally {
      await first.close();
    }

    const second = await startTestApp({ now: NOW, databaseUrl, env: { ADMIN_EMAIL: 'root@example.test', ADMIN_PASSWORD: 'second-root-password' } });
    try {
      const { rows } = await second.sql.query(`select email, username, role from users`);
      expect(rows).toEqual([{ email: 'root@example.test', username: 'root', role: 'admin' }]);
      const oldPassword = await second.client.post('/api/auth/login').send({ email: 'root@example.test', password: 'first-root-password' });
      expect(oldPassword.status).toBe(401);
      const newPassword = await second.client.post('/api/auth/login').send({ email: 'root@example.test', password: 'second-root-password' });
      expect(newPassword.status).toBe(200);
      expect((await second.client.get('/api/admin/users', { token: newPassword.body.accessToken })).status).toBe(200);
    } finally {
      await second.close();
    }
  });

  it('two instances starting together on one database make one admin, and both start', async () => {
    const databaseUrl = await createTestDatabase(testAdminUrl());
    const env = { ADMIN_EMAIL: 'twin@example.test', ADMIN_PASSWORD: 'twin-admin-password' };
    const started = await Promise.allSettled([startTestApp({ now: NOW, databaseUrl, env }), startTestApp({ now: NOW, databaseUrl, env })]);
    try {
      expect(started.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled']);
      const app = (started[0] as PromiseFulfilledResult<TestApp>).value;
      const { rows } = await app.sql.query(`select email, username, role from users`);
      expect(rows).toEqual([{ email: 'twin@example.test', username: 'twin', role: 'admin' }]);
    } finally {
      for (const s of started) if (s.status === 'fulfilled') await s.value.close();
    }
  });

  it('picks a free username when the email local part is taken', async () => {
    const t = await startTestApp({ now: NOW });
    try {
      await t.client.post('/api/auth/register').send({ email: 'ops@example.test', password: 'ops-password', username: 'ops' }).expect(201);
      const databaseUrl = t.databaseUrl;
      await t.close();
      const restarted = await startTestApp({ now: NOW, databaseUrl, env: { ADMIN_EMAIL: 'ops@other.test', ADMIN_PASSWORD: 'ops-admin-password' } });
      try {
        const { rows } = await restarted.sql.query(`select email, username, role from users order by username`);
        expect(rows).toEqual([
          { email: 'ops@example.test', username: 'ops', role: 'user' },
          { email: 'ops@other.test', username: 'ops-1', role: 'admin' },
        ]);
      } finally {
        await restarted.close();
      }
    } catch (error) {
      await t.close().catch(() => undefined);
      throw error;
    }
  });
});
