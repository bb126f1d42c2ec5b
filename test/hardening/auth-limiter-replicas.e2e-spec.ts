import { createUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { listenOnLoopback, loginFrom, statusCounts } from './login-from';

const NOW = '2026-12-01T09:00:00.000Z';

describe('hardening: two replicas on one database share the login limit', () => {
  let a: TestApp;
  let b: TestApp;
  let portA: number;
  let portB: number;
  beforeAll(async () => {
    const env = { LOGIN_MAX_FAILURES: '5', LOGIN_WINDOW_SECONDS: '900' };
    a = await startTestApp({ now: NOW, env });
    b = await startTestApp({ now: NOW, env, databaseUrl: a.databaseUrl });
    portA = await listenOnLoopback(a.app);
    portB = await listenOnLoopback(b.app);
  });
  afterAll(async () => {
    await b.close();
    await a.close();
  });

  it('counts failures on either replica: 3 on one and 2 on the other lock the pair on both', async () => {
    const user = await createUser(a.client, a.sql);
    const wrong = { email: user.email, password: 'wrong-password' };
    for (let i = 0; i < 3; i++) expect((await loginFrom(portA, '127.0.5.1', wrong)).status).toBe(401);
    for (let i = 0; i < 2; i++) expect((await loginFrom(portB, '127.0.5.1', wrong)).status).toBe(401);
    for (const port of [portA, portB]) {
      const answer = await loginFrom(port, '127.0.5.1', { email: user.email, password: user.password });
      expect(answer.status).toBe(429);
      expect(answer.retryAfter).toBe('900');
    }
  });

  it('checks at most 5 of 40 concurrent wrong passwords split over both replicas', async () => {
    const user = await createUser(a.client, a.sql);
    const wrong = { email: user.email, password: 'wrong-password' };
    const answers = await Promise.all(Array.from({ length: 40 }, (_, i) => loginFrom(i % 2 === 0 ? portA : portB, '127.0.6.1', wrong)));
    expect(statusCounts(answers)).toEqual({ 401: 5, 429: 35 });
  });
});
