import { createHash } from 'node:crypto';
import { createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-03-01T10:00:00.000Z';
const KEY = /^fw_([a-f0-9]{12})_([A-Za-z0-9_-]{43})$/;

describe('auth: API keys', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql, { username: 'key-owner' });
    other = await createUser(t.client, t.sql, { username: 'key-other' });
  });
  afterAll(async () => {
    await t.close();
  });

  async function createKey(user: TestUser, body: { name: string; scopes: string[] }) {
    const res = await t.client.post('/api/auth/api-keys', user.auth).send(body);
    expect(res.status).toBe(201);
    return res.body as { id: string; name: string; prefix: string; scopes: string[]; createdAt: string; lastUsedAt: null; key: string };
  }

  it('shows the key once, stores only the SHA-256 of its secret, and lists it without the key', async () => {
    const created = await createKey(owner, { name: 'ci', scopes: ['ingest', 'monitoring:read'] });
    const [, prefix, secret] = KEY.exec(created.key) ?? [];
    expect(created).toEqual({
      id: expect.any(String),
      name: 'ci',
      prefix,
      scopes: ['ingest', 'monitoring:read'],
      agentId: null,
      createdAt: NOW,
      lastUsedAt: null,
      key: created.key,
    });

    const { rows } = await t.sql.query(`select prefix, key_hash, scopes, user_id from api_keys where id = $1`, [created.id]);
    expect(rows).toEqual([{ prefix, key_hash: createHash('sha256').update(secret).digest('hex'), scopes: ['ingest', 'monitoring:read'], user_id: owner.id }]);
    expect(rows[0].key_hash).not.toContain(secret);

    const list = await t.client.get('/api/auth/api-keys', owner.auth);
    expect(list.status).toBe(200);
    expect(list.body).toEqual([{ id: created.id, name: 'ci', prefix, scopes: ['ingest', 'monitoring:read'], agentId: null, createdAt: NOW, lastUsedAt: null }]);
    expect(JSON.stringify(list.body)).not.toContain(secret);

    const othersList = await t.client.get('/api/auth/api-keys', other.auth);
    expect(othersList.body).toEqual([]);
  });

  it.each([
    ['no scopes', { name: 'k', scopes: [] }, ['scopes must contain at least 1 elements']],
    ['an unknown scope', { name: 'k', scopes: ['root'] }, ['each value in scopes must be one of ingest, monitoring:read, agents:write, alerts:write']],
    ['a repeated scope', { name: 'k', scopes: ['ingest', 'ingest'] }, ["All scopes's elements must be unique"]],
    ['an empty name', { name: '', scopes: ['ingest'] }, ['name must be longer than or equal to 1 characters']],
    ['an unknown property', { name: 'k', scopes: ['ingest'], expiresAt: 'never' }, ['property expiresAt should not exist']],
  ])('rejects %s with 400 naming the field', async (_, body, message) => {
    const res = await t.client.post('/api/auth/api-keys', owner.auth).send(body);
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'validation_failed', message });
  });

  it('authenticates with X-API-Key and with Bearer, and records last_used_at', async () => {
    const created = await createKey(owner, { name: 'reader', scopes: ['monitoring:read'] });
    t.clock.advance(5_000);
    const usedAt = t.clock.now().toISOString();
    const viaHeader = await t.client.get('/api/auth/me', { apiKey: created.key, header: 'x-api-key' });
    expect(viaHeader.status).toBe(200);
    expect(viaHeader.body).toEqual({ id: owner.id, email: owner.email, username: 'key-owner', role: 'user', plan: null, createdAt: NOW });
    const viaBearer = await t.client.get('/api/auth/me', { apiKey: created.key, header: 'bearer' });
    expect(viaBearer.status).toBe(200);
    expect(viaBearer.body.id).toBe(owner.id);

    const { rows } = await t.sql.query(`select last_used_at from api_keys where id = $1`, [created.id]);
    expect(rows[0].last_used_at.toISOString()).toBe(usedAt);
    const list = await t.client.get('/api/auth/api-keys', owner.auth);
    expect(list.body.find((k: { id: string }) => k.id === created.id).lastUsedAt).toBe(usedAt);
  });

  it('refuses a key without the route scope (403) and on user-session routes (403)', async () => {
    const ingestOnly = await createKey(owner, { name: 'ingest only', scopes: ['ingest'] });
    const me = await t.client.get('/api/auth/me', { apiKey: ingestOnly.key });
    expect(me.status).toBe(403);
    expect(me.body).toEqual({ statusCode: 403, error: 'Forbidden', code: 'forbidden', message: 'The API key lacks the monitoring:read scope' });
    const everything = await createKey(owner, { name: 'all', scopes: ['ingest', 'monitoring:read', 'agents:write', 'alerts:write'] });
    const keys = await t.client.post('/api/auth/api-keys', { apiKey: everything.key }).send({ name: 'from a key', scopes: ['ingest'] });
    expect(keys.status).toBe(403);
    expect(keys.body.message).toBe('This route needs a user session (JWT); API keys are not accepted');
  });

  it('answers 401 to a malformed key and to a known prefix with a wrong secret', async () => {
    const created = await createKey(owner, { name: 'target', scopes: ['monitoring:read'] });
    const [, prefix] = KEY.exec(created.key) ?? [];
    const wrongSecret = `fw_${prefix}_${'A'.repeat(43)}`;
    for (const apiKey of ['fw_garbage', wrongSecret]) {
      const res = await t.client.get('/api/auth/me', { apiKey, header: 'x-api-key' });
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('Missing, invalid, expired or revoked credentials');
    }
  });

  it('revokes with 204: the key fails at once, leaves the list, and a second revoke is 404', async () => {
    const created = await createKey(owner, { name: 'to revoke', scopes: ['monitoring:read'] });
    expect((await t.client.get('/api/auth/me', { apiKey: created.key })).status).toBe(200);

    const revoked = await t.client.delete(`/api/auth/api-keys/${created.id}`, owner.auth);
    expect(revoked.status).toBe(204);
    expect(revoked.text).toBe('');
    const after = await t.client.get('/api/auth/me', { apiKey: created.key });
    expect(after.status).toBe(401);
    const list = await t.client.get('/api/auth/api-keys', owner.auth);
    expect(list.body.map((k: { id: string }) => k.id)).not.toContain(created.id);
    const { rows } = await t.sql.query(`select revoked_at from api_keys where id = $1`, [created.id]);
    expect(rows[0].revoked_at.toISOString()).toBe(t.clock.now().toISOString());

    const again = await t.client.delete(`/api/auth/api-keys/${created.id}`, owner.auth);
    expect(again.status).toBe(404);
    expect(again.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'api_key_not_found', message: `API key ${created.id} not found` });
  });

  it("answers 404 to revoking someone else's key and 400 to a malformed id", async () => {
    const created = await createKey(owner, { name: 'not yours', scopes: ['monitoring:read'] });
    const res = await t.client.delete(`/api/auth/api-keys/${created.id}`, other.auth);
    expect(res.status).toBe(404);
    expect((await t.client.get('/api/auth/me', { apiKey: created.key })).status).toBe(200);
    const bad = await t.client.delete('/api/auth/api-keys/not-a-uuid', owner.auth);
    expect(bad.status).toBe(400);
    expect(bad.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'validation_failed', message: ['id must be a UUID'] });
  });

  it('lists only active keys, newest first', async () => {
    const fresh = await createUser(t.client, t.sql, { username: 'key-lister' });
    const first = await createKey(fresh, { name: 'first', scopes: ['ingest'] });
    t.clock.advance(1_000);
    const second = await createKey(fresh, { name: 'second', scopes: ['alerts:write'] });
    const list = await t.client.get('/api/auth/api-keys', fresh.auth);
    expect(list.body.map((k: { name: string }) => k.name)).toEqual(['second', 'first']);
    expect(list.body.map((k: { id: string }) => k.id)).toEqual([second.id, first.id]);
  });
});
