import { createAgent, createUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ALERT_ENV, alignedNow, createChannel, createRule, deliver, Receiver, step } from './alerts-support';

/** The "done when": ingest cpu 95 through the API, the rule fires within one interval, one signed webhook. */
describe('alerts end to end through ingest', () => {
  let t: TestApp;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await startTestApp({ env: ALERT_ENV, now: alignedNow() });
    receiver = await new Receiver().start();
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  it('fires within one evaluation interval of ingesting cpu 95, notifies once, and notifies acknowledge and resolve', async () => {
    const user = await createUser(t.client, t.sql);
    const agent = await createAgent(t.client, user);
    const channel = await createChannel(t, user, { url: receiver.url, secret: 'acceptance-secret' });
    await createRule(t, user, { metric: 'cpu', aggregation: 'avg', comparator: 'gt', threshold: 80, windowMinutes: 5, channelIds: [channel.id] });

    const ingested = await t.client
      .post('/api/ingest', user.auth)
      .send({ samples: [{ agentId: agent.id, type: 'cpu', value: 95, timestamp: t.clock.now().toISOString() }] });
    expect(ingested.status).toBe(202);
    await step(t);
    await deliver(t);
    await deliver(t);
    expect(receiver.received).toHaveLength(1);
    expect(Receiver.verified(receiver.received[0], 'acceptance-secret')).toBe(true);
    const body = receiver.received[0].body as { event: string; alert: { id: string; status: string; value: number }; agent: { id: string } };
    expect(body).toMatchObject({ event: 'alert.firing', alert: { status: 'firing', value: 95 }, agent: { id: agent.id } });

    expect((await t.client.post(`/api/alerts/${body.alert.id}/acknowledge`, user.auth).send({})).status).toBe(200);
    const resolved = await t.client.post(`/api/alerts/${body.alert.id}/resolve`, user.auth).send({ note: 'done' });
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: user.id, note: 'done' });
    await deliver(t);
    expect(receiver.received.map((r) => (r.body as { event: string }).event)).toEqual(['alert.firing', 'alert.acknowledged', 'alert.resolved']);
  });
});
