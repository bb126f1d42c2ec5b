import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

describe('analytics while PostgreSQL is unreachable', () => {
  let t: TestApp;
  let owner: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ viaProxy: true });
    owner = await createUser(t.client, t.sql);
    await createAgent(t.client, owner);
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 with Retry-After for exports and charts, and streams again once it is back', async () => {
    await t.proxy!.cut();
    for (const path of ['/api/analytics/export?dataset=events&format=csv', '/api/analytics/timeseries?metric=cpu_usage', '/api/analytics/tools/summary']) {
      const res = await t.client.get(path, owner.auth);
      expect([path, res.status, res.headers['retry-after']]).toEqual([path, 503, '5']);
    }
    await t.proxy!.restore();
    // The manual clock stands still, so the agent_created event sits exactly at "now": end just after it.
    const end = new Date(t.clock.now().getTime() + 1).toISOString();
    const back = await t.client.get(`/api/analytics/export?dataset=events&format=json&end=${end}`, owner.auth);
    expect(back.status).toBe(200);
    expect(back.body.map((e: { type: string }) => e.type)).toEqual(['agent_created']);
  });
});
