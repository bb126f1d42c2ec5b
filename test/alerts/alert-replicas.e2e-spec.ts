import { createAgent, createUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ALERT_ENV, alignedNow, createChannel, createRule, deliver, everyMinute, insertSamples, MINUTE, Receiver, tick } from './alerts-support';

describe('alerts with two replicas on one database', () => {
  let a: TestApp;
  let b: TestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    const now = alignedNow();
    a = await startTestApp({ env: ALERT_ENV, now });
    b = await startTestApp({ env: ALERT_ENV, now, databaseUrl: a.databaseUrl });
    receiver = await new Receiver().start();
  });
  afterAll(async () => {
    await receiver.stop();
    await b.close();
    await a.close();
  });

  const both = async (run: (t: TestApp) => Promise<void>): Promise<void> => {
    await Promise.all([run(a), run(b)]);
  };
  const advance = (ms: number): void => {
    a.clock.advance(ms);
    b.clock.advance(ms);
  };

  it('evaluates each rule once per tick and notifies each transition once', async () => {
    const user = await createUser(a.client, a.sql);
    const agents = [];
    for (let i = 0; i < 12; i++) agents.push((await createAgent(a.client, user)).id);
    const T0 = new Date(a.clock.now().getTime() + MINUTE);
    for (const agentId of agents) await insertSamples(a.sql, agentId, 'cpu', [...everyMinute(T0, -5, 0, 95), ...everyMinute(T0, 1, 5, 5)]);
    const channel = await createChannel(a, user, { url: receiver.url });
    await createRule(a, user, { windowMinutes: 1, channelIds: [channel.id] });

    advance(MINUTE);
    await both(tick);
    await both(tick); // the same slot again: nothing more
    await both(deliver);
    await both(deliver);
    const firing = receiver.received.map((r) => r.body as { event: string; alert: { id: string; agentId: string } });
    expect(firing).toHaveLength(12);
    expect(new Set(firing.map((f) => f.alert.agentId))).toEqual(new Set(agents));
    expect(firing.every((f) => f.event === 'alert.firing')).toBe(true);

    advance(MINUTE);
    await both(tick);
    await both(deliver);
    const events = receiver.received.map((r) => (r.body as { event: string }).event);
    expect(events.filter((e) => e === 'alert.resolved')).toHaveLength(12);
    expect(events).toHaveLength(24);

    const history = await a.sql.query(`select to_status, count(*)::int as n from alert_history group by to_status order by to_status`);
    expect(history.rows).toEqual([
      { to_status: 'firing', n: 12 },
      { to_status: 'pending', n: 12 },
      { to_status: 'resolved', n: 12 },
    ]);
    const outbox = await a.sql.query(`select status, count(*)::int as n from alert_deliveries group by status`);
    expect(outbox.rows).toEqual([{ status: 'delivered', n: 24 }]);
  });
});
