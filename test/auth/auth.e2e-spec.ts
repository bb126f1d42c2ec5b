import { JwtService } from '@nestjs/jwt';
import { createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TEST_JWT_SECRET, TestApp } from '../support/test-app';

const NOW = '2026-03-01T10:00:00.000Z';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const testJwt = new JwtService({ secret: TEST_JWT_SECRET });

describe('auth: register, login, me', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
  });
  afterAll(async () => {
    await t.close();
  });

  describe('POST /api/auth/register', () => {
    it('creates a user with a lowercased email and an argon2id hash, answering exactly the public fields', async () => {
      const res = await t.client.post('/api/auth/register').send({ email: 'Alice@Example.test', password: 'alice-password', username: 'alice' });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({ id: expect.stringMatching(UUID), email: 'alice@example.test', username: 'alice', role: 'user', plan: null, createdAt: NOW });
      const { rows } = await t.sql.query(`select email, username, role, plan, password_hash from users where id = $1`, [res.body.id]);
      expect(rows).toHaveLength(1);
      expect(rows[0]).toMatchObject({ email: 'alice@example.test', username: 'alice', role: 'user', plan: null });
      expect(rows[0].password_hash).toMatch(/^\$argon2id\$/);
      expect(rows[0].password_hash).not.toContain('alice-password');
    });

    it.each([
      ['a username with capitals', { username: 'Bob' }, ['username must be 2-39 lowercase letters, digits or dashes, not starting with a dash']],
      ['a username starting with a dash', { username: '-bob' }, ['username must be 2-39 lowercase letters, digits or dashes, not starting with a dash']],
      ['a one-character username', { username: 'b' }, ['username must be 2-39 lowercase letters, digits or dashes, not starting with a dash']],
      ['a 40-character username', { username: 'b'.repeat(40) }, ['username must be 2-39 lowercase letters, digits or dashes, not starting with a dash']],
      ['a 9-character password', { password: '123456789' }, ['password must be longer than or equal to 10 characters']],
      ['a bad email', { email: 'not-an-email' }, ['email must be an email']],
      ['an unknown property', { nickname: 'bobby' }, ['property nickname should not exist']],
    ])('rejects %s with 400 naming the field', async (_, override, message) => {
      const res = await t.client.post('/api/auth/register').send({ email: 'bob@example.test', password: 'bob-password', username: 'bob', ...override });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'validation_failed', message });
      const { rows } = await t.sql.query(`select count(*)::int as n from users where email = 'bob@example.test'`);
      expect(rows[0].n).toBe(0);
    });

    it('accepts a 39-character username and a 10-character password', async () => {
      const res = await t.client.post('/api/auth/register').send({ email: 'long@example.test', password: '1234567890', username: 'l'.repeat(39) });
      expect(res.status).toBe(201);
      expect(res.body.username).toBe('l'.repeat(39));
    });

    it('answers 409 for a taken email (whatever its case) and for a taken username, writing nothing', async () => {
      await t.client.post('/api/auth/register').send({ email: 'carol@example.test', password: 'carol-password', username: 'carol' }).expect(201);
      const sameEmail = await t.client.post('/api/auth/register').send({ email: 'CAROL@example.test', password: 'carol-password', username: 'carol2' });
      expect(sameEmail.status).toBe(409);
      expect(sameEmail.body).toEqual({ statusCode: 409, error: 'Conflict', code: 'email_taken', message: 'email is already registered' });
      const sameUsername = await t.client.post('/api/auth/register').send({ email: 'carol2@example.test', password: 'carol-password', username: 'carol' });
      expect(sameUsername.status).toBe(409);
      expect(sameUsername.body).toEqual({ statusCode: 409, error: 'Conflict', code: 'username_taken', message: 'username is already taken' });
      const { rows } = await t.sql.query(`select count(*)::int as n from users where email like 'carol%' or username like 'carol%'`);
      expect(rows[0].n).toBe(1);
    });
  });

  describe('POST /api/auth/login', () => {
    let dave: TestUser;
    beforeAll(async () => {
      dave = await createUser(t.client, t.sql, { username: 'dave' });
    });

    it('answers a Bearer JWT for the user that expires in 3600 s', async () => {
      const res = await t.client.post('/api/auth/login').send({ email: dave.email.toUpperCase(), password: dave.password });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 3600 });
      const payload = testJwt.verify<{ sub: string; role: string; iat: number; exp: number }>(res.body.accessToken);
      expect(payload.sub).toBe(dave.id);
      expect(payload.role).toBe('user');
      expect(payload.exp - payload.iat).toBe(3600);
    });

    it('gives one identical 401 for an unknown email and a wrong password', async () => {
      const unknown = await t.client.post('/api/auth/login').send({ email: 'nobody@example.test', password: dave.password });
      const wrong = await t.client.post('/api/auth/login').send({ email: dave.email, password: 'wrong-password' });
      const expected = { statusCode: 401, error: 'Unauthorized', code: 'invalid_credentials', message: 'Invalid email or password' };
      expect(unknown.status).toBe(401);
      expect(unknown.body).toEqual(expected);
      expect(wrong.status).toBe(401);
      expect(wrong.body).toEqual(expected);
    });

    it('validates the body, naming the field', async () => {
      const res = await t.client.post('/api/auth/login').send({ email: 'nope', password: 'x', remember: true });
      expect(res.status).toBe(400);
      expect(res.body.message).toEqual(['property remember should not exist', 'email must be an email']);
    });
  });

  describe('GET /api/auth/me and tokens', () => {
    let erin: TestUser;
    beforeAll(async () => {
      erin = await createUser(t.client, t.sql, { username: 'erin' });
    });

    it('answers the caller', async () => {
      const res = await t.client.get('/api/auth/me', erin.auth);
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ id: erin.id, email: erin.email, username: 'erin', role: 'user', plan: null, createdAt: NOW });
    });

    it('answers 401 without credentials, with a garbage token and with a token signed by another secret', async () => {
      const expected = { statusCode: 401, error: 'Unauthorized', code: 'unauthorized', message: 'Missing, invalid, expired or revoked credentials' };
      const forged = new JwtService({ secret: 'another-secret-that-is-long-enough-for-hs256' }).sign({ sub: erin.id, role: 'admin' });
      for (const auth of [undefined, { token: 'garbage' }, { token: forged }]) {
        const res = await t.client.get('/api/auth/me', auth);
        expect(res.status).toBe(401);
        expect(res.body).toEqual(expected);
      }
    });

    it('answers 401 for an expired JWT, while the same token with a future expiry works', async () => {
      const nowSeconds = Math.floor(Date.now() / 1000);
      const expired = testJwt.sign({ sub: erin.id, role: 'user', iat: nowSeconds - 7200, exp: nowSeconds - 60 });
      const fresh = testJwt.sign({ sub: erin.id, role: 'user', iat: nowSeconds, exp: nowSeconds + 60 });
      const res = await t.client.get('/api/auth/me', { token: expired });
      expect(res.status).toBe(401);
      expect(res.body.message).toBe('Missing, invalid, expired or revoked credentials');
      expect((await t.client.get('/api/auth/me', { token: fresh })).status).toBe(200);
    });

    it('answers 401 for a valid token whose user no longer exists', async () => {
      const ghost = testJwt.sign({ sub: '01900000-0000-7000-8000-000000000000', role: 'admin' });
      expect((await t.client.get('/api/auth/me', { token: ghost })).status).toBe(401);
    });
  });
});

describe('auth: sign-up disabled', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { SIGNUP_ENABLED: 'false' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 403 to register and stores nothing', async () => {
    const res = await t.client.post('/api/auth/register').send({ email: 'frank@example.test', password: 'frank-password', username: 'frank' });
    expect(res.status).toBe(403);
    expect(res.body).toEqual({ statusCode: 403, error: 'Forbidden', code: 'signup_disabled', message: 'Sign-up is disabled on this server' });
    const { rows } = await t.sql.query(`select count(*)::int as n from users`);
    expect(rows[0].n).toBe(0);
  });
});

describe('auth: login throttling', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { LOGIN_MAX_FAILURES: '3', LOGIN_WINDOW_SECONDS: '900', JWT_EXPIRES_IN: '15m' } });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 429 with Retry-After after LOGIN_MAX_FAILURES failures, even for the right password, until the window passes', async () => {
    const gina = await createUser(t.client, t.sql, { username: 'gina' });
    for (let i = 0; i < 3; i++) {
      const res = await t.client.post('/api/auth/login').send({ email: gina.email, password: 'wrong-password' });
      expect(res.status).toBe(401);
    }
    const blocked = await t.client.post('/api/auth/login').send({ email: gina.email, password: gina.password });
    expect(blocked.status).toBe(429);
    expect(blocked.headers['retry-after']).toBe('900');
    expect(blocked.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'too_many_attempts',
      message: 'Too many failed logins; try again later',
    });

    // The client address failed three times too, so another account from it waits as well.
    const otherEmail = await t.client.post('/api/auth/login').send({ email: 'someone-else@example.test', password: 'whatever-password' });
    expect(otherEmail.status).toBe(429);

    t.clock.advance(899_000);
    const stillBlocked = await t.client.post('/api/auth/login').send({ email: gina.email, password: gina.password });
    expect(stillBlocked.status).toBe(429);
    expect(stillBlocked.headers['retry-after']).toBe('1');

    t.clock.advance(1_000);
    const allowed = await t.client.post('/api/auth/login').send({ email: gina.email, password: gina.password });
    expect(allowed.status).toBe(200);
    // This server runs with JWT_EXPIRES_IN=15m.
    expect(allowed.body).toEqual({ accessToken: expect.any(String), tokenType: 'Bearer', expiresIn: 900 });
    const payload = testJwt.verify<{ iat: number; exp: number }>(allowed.body.accessToken);
    expect(payload.exp - payload.iat).toBe(900);
  });
});
