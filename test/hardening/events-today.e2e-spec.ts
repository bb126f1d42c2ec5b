import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-11-22T12:30:00.000Z');
const at = (minutes: number): string => new Date(NOW.getTime() + minutes * 60_000).toISOString();

/** Issue item 12a: events_today is `now − 24 h < ts <= now`; an event stamped ahead counts once its time comes. */
describe('GET /api/monitoring/metrics events_today', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    user = await createUser(t.client, t.sql);
    await createAgent(t.client, user);
  });
  afterAll(async () => {
    await t?.close();
  });

  const eventsToday = async (): Promise<number> => {
    const res = await t.client.get('/api/monitoring/metrics', user.auth);
    expect(res.status).toBe(200);
    return res.body.events_today as number;
  };

  it('excludes an event 3 minutes in the future (accepted within the tolerance) until its time, and drops an event exactly 24 h old', async () => {
    const before = await eventsToday();
    const res = await t.client.post('/api/ingest', user.auth).send({
      events: [
        { type: 'note', message: 'now', timestamp: at(0) },
        { type: 'note', message: 'ahead', timestamp: at(3) },
        { type: 'note', message: 'almost a day ago', timestamp: at(-24 * 60 + 5) },
      ],
    });
    expect(res.status).toBe(202);
    expect(await eventsToday()).toBe(before + 2);
    t.clock.advance(3 * 60_000);
    expect(await eventsToday()).toBe(before + 3);
    // Now the oldest is exactly 24 h old: outside (now − 24 h, now].
    t.clock.advance(2 * 60_000);
    expect(await eventsToday()).toBe(before + 2);
  });
});
