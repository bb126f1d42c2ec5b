import { JobScheduler } from '@fleetwatch/database';
import { createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { listenOnLoopback, loginFrom, statusCounts } from './login-from';

const NOW = '2026-12-01T09:00:00.000Z';
const TOO_MANY = { statusCode: 429, error: 'Too Many Requests', code: 'too_many_attempts', message: 'Too many failed logins; try again later' };
const INVALID = { statusCode: 401, error: 'Unauthorized', code: 'invalid_credentials', message: 'Invalid email or password' };

describe('hardening: login limiter (LOGIN_MAX_FAILURES=5, LOGIN_WINDOW_SECONDS=900)', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { LOGIN_MAX_FAILURES: '5', LOGIN_WINDOW_SECONDS: '900' } });
    port = await listenOnLoopback(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  const wrong = (user: TestUser) => ({ email: user.email, password: 'wrong-password' });
  const right = (user: TestUser) => ({ email: user.email, password: user.password });

  it('checks at most 5 of 40 concurrent wrong passwords for one account; the other 35 answer 429', async () => {
    const victim = await createUser(t.client, t.sql);
    const answers = await Promise.all(Array.from({ length: 40 }, () => loginFrom(port, '127.0.1.1', wrong(victim))));
    expect(statusCounts(answers)).toEqual({ 401: 5, 429: 35 });
    for (const a of answers.filter((x) => x.status === 401)) expect(a.body).toEqual(INVALID);
    for (const a of answers.filter((x) => x.status === 429)) {
      expect(a.body).toEqual(TOO_MANY);
      expect(a.retryAfter).toBe('900');
    }
    // The pair is locked: even the right password from that address waits for the window.
    const owner = await loginFrom(port, '127.0.1.1', right(victim));
    expect(owner.status).toBe(429);
    expect(owner.retryAfter).toBe('900');
  });

  it('lets the owner in from their own address after 5 failures from elsewhere; the account only slows down', async () => {
    const owner = await createUser(t.client, t.sql);
    for (let i = 0; i < 5; i++) expect((await loginFrom(port, '127.0.2.1', wrong(owner))).status).toBe(401);
    const attacker = await loginFrom(port, '127.0.2.1', wrong(owner));
    expect(attacker.status).toBe(429);
    expect(attacker.retryAfter).toBe('900');
    // The attacking address is locked for every account, not only this one.
    const otherAccount = await loginFrom(port, '127.0.2.1', { email: 'someone@example.test', password: 'whatever-password' });
    expect(otherAccount.status).toBe(429);

    const fromHome = await loginFrom(port, '127.0.2.2', right(owner));
    expect(fromHome.status).toBe(200);
    expect(fromHome.body.accessToken).toEqual(expect.any(String));

    // A guesser spreading over addresses gets one attempt per slot, 1, 2 … seconds apart.
    const spread = await loginFrom(port, '127.0.2.3', wrong(owner));
    expect(spread.status).toBe(429);
    expect(spread.retryAfter).toBe('1');
    t.clock.advance(1_000);
    expect((await loginFrom(port, '127.0.2.3', wrong(owner))).status).toBe(401);
    const next = await loginFrom(port, '127.0.2.4', wrong(owner));
    expect(next.status).toBe(429);
    expect(next.retryAfter).toBe('1');
    t.clock.advance(1_000);
    expect((await loginFrom(port, '127.0.2.4', wrong(owner))).status).toBe(401);
    const slower = await loginFrom(port, '127.0.2.5', wrong(owner));
    expect(slower.retryAfter).toBe('2');

    // The owner is slowed like everyone on the account, for seconds, not locked out.
    const ownerWaits = await loginFrom(port, '127.0.2.2', right(owner));
    expect(ownerWaits.status).toBe(429);
    expect(ownerWaits.retryAfter).toBe('2');
    t.clock.advance(2_000);
    expect((await loginFrom(port, '127.0.2.2', right(owner))).status).toBe(200);
  });

  it('never spaces an account more than 60 s apart however many guesses come', async () => {
    const owner = await createUser(t.client, t.sql);
    for (let i = 0; i < 5; i++) expect((await loginFrom(port, `127.0.3.${i + 1}`, wrong(owner))).status).toBe(401);
    const retries: string[] = [];
    for (let i = 0; i < 12; i++) {
      expect((await loginFrom(port, `127.0.3.${i + 10}`, wrong(owner))).status).toBe(401);
      const turnedAway = await loginFrom(port, `127.0.3.${i + 100}`, wrong(owner));
      expect(turnedAway.status).toBe(429);
      retries.push(turnedAway.retryAfter!);
      t.clock.advance(Number(turnedAway.retryAfter) * 1000);
    }
    expect(retries).toEqual(['1', '2', '4', '8', '16', '32', '60', '60', '60', '60', '60', '60']);
    expect((await loginFrom(port, '127.0.3.200', right(owner))).status).toBe(200);
  });

  it('keeps its counts in PostgreSQL and sweeps expired rows', async () => {
    const before = await t.sql.query(`select count(*)::int as n from login_attempts`);
    expect(before.rows[0].n).toBeGreaterThan(0);
    t.clock.advance(3_600_000);
    await t.get(JobScheduler).runNow('auth.login-attempts-sweep');
    const after = await t.sql.query(`select count(*)::int as n from login_attempts`);
    expect(after.rows[0].n).toBe(0);
  });
});

describe('hardening: login limiter with a larger per-address budget (LOGIN_MAX_FAILURES_PER_ADDRESS=20)', () => {
  let t: TestApp;
  let port: number;
  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { LOGIN_MAX_FAILURES: '5', LOGIN_MAX_FAILURES_PER_ADDRESS: '20', LOGIN_WINDOW_SECONDS: '900' } });
    port = await listenOnLoopback(t.app);
  });
  afterAll(async () => {
    await t.close();
  });

  const wrong = (user: TestUser) => ({ email: user.email, password: 'wrong-password' });
  const right = (user: TestUser) => ({ email: user.email, password: user.password });

  it('locks one pair after 5 failures while others behind the same address still log in, until the address has 20', async () => {
    const typo = await createUser(t.client, t.sql);
    const colleague = await createUser(t.client, t.sql);
    for (let i = 0; i < 5; i++) expect((await loginFrom(port, '127.0.8.1', wrong(typo))).status).toBe(401);
    expect((await loginFrom(port, '127.0.8.1', right(typo))).status).toBe(429);
    expect((await loginFrom(port, '127.0.8.1', right(colleague))).status).toBe(200);
    // 5 failures so far from the address; 15 more on other accounts reach the per-address budget.
    for (let i = 0; i < 15; i++) {
      expect((await loginFrom(port, '127.0.8.1', { email: `sprayed-${i}@example.test`, password: 'wrong-password' })).status).toBe(401);
    }
    const sprayed = await loginFrom(port, '127.0.8.1', right(colleague));
    expect(sprayed.status).toBe(429);
    expect(sprayed.body).toEqual(TOO_MANY);
    expect(sprayed.retryAfter).toBe('900');
  });

  it('a successful login clears its pair: five more failures from there are checked again', async () => {
    const user = await createUser(t.client, t.sql);
    for (let i = 0; i < 4; i++) expect((await loginFrom(port, '127.0.9.1', wrong(user))).status).toBe(401);
    expect((await loginFrom(port, '127.0.9.1', right(user))).status).toBe(200);
    const started = t.clock.now().getTime();
    for (let i = 0; i < 5; i++) {
      const answer = await loginFrom(port, '127.0.9.1', wrong(user));
      expect(answer.status).toBe(401);
      // Past five failures on the account, the next attempt waits for its slot (1, 2, 4 … s).
      t.clock.advance(8_000);
    }
    const locked = await loginFrom(port, '127.0.9.1', wrong(user));
    expect(locked.status).toBe(429);
    // The pair's window opened at the first failure after the success.
    expect(locked.retryAfter).toBe(String(900 - (t.clock.now().getTime() - started) / 1000));
  });
});
