import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ALERT_ENV, alignedNow, createRule, everyMinute, insertSamples, MINUTE, step } from './alerts-support';

describe('GET /api/alerts paging', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: ALERT_ENV, now: alignedNow() });
    user = await createUser(t.client, t.sql);
    const T0 = new Date(t.clock.now().getTime() + MINUTE);
    // Five agents over the threshold, one rule for all of them: five alerts from one tick.
    for (let i = 0; i < 5; i++) {
      const agentId = (await createAgent(t.client, user)).id;
      await insertSamples(t.sql, agentId, 'cpu', everyMinute(T0, -10, 5, 95));
    }
    await createRule(t, user, { forMinutes: 3 });
    await step(t);
  });
  afterAll(async () => {
    await t.close();
  });

  it('pages newest first with limit and X-Next-Cursor, covering every alert exactly once', async () => {
    const all = await t.client.get('/api/alerts', user.auth);
    expect(all.body).toHaveLength(5);
    expect(all.headers['x-next-cursor']).toBeUndefined();

    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await t.client.get(`/api/alerts?limit=2${cursor ? `&cursor=${cursor}` : ''}`, user.auth);
      expect(res.status).toBe(200);
      seen.push(...res.body.map((a: { id: string }) => a.id));
      cursor = res.headers['x-next-cursor'];
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(all.body.map((a: { id: string }) => a.id));
  });

  it('answers 400 naming cursor for a cursor it did not issue', async () => {
    const res = await t.client.get('/api/alerts?cursor=not-a-cursor', user.auth);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body.message)).toContain('cursor');
  });
});
