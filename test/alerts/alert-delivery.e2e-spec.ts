import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ALERT_ENV, alertsOf, alignedNow, createChannel, createRule, deliver, everyMinute, insertSamples, MINUTE, Receiver, step } from './alerts-support';

const ENV = { ...ALERT_ENV, ALERT_REPEAT_INTERVAL_MINUTES: '2' };

describe('alert notifications', () => {
  let t: TestApp;
  let user: TestUser;
  let agentId: string;
  let receiver: Receiver;
  let T0: Date;

  beforeAll(async () => {
    t = await startTestApp({ env: ENV, now: alignedNow() });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    user = await createUser(t.client, t.sql);
    agentId = (await createAgent(t.client, user, { name: 'billing-bot' })).id;
    receiver = await new Receiver().start();
    T0 = new Date(t.clock.now().getTime() + MINUTE);
  });
  afterEach(async () => {
    await receiver.stop();
    // Later tests tick too: keep this test's rules and outbox out of their way.
    await t.sql.query(`update alert_rules set enabled = false where owner_id = $1`, [user.id]);
    await t.sql.query(`update alert_deliveries set status = 'failed' where owner_id = $1 and status = 'pending'`, [user.id]);
  });

  const deliveries = async (status?: string) => {
    const response = await t.client.get(`/api/alerts/deliveries${status ? `?status=${status}` : ''}`, user.auth);
    expect(response.status).toBe(200);
    return response.body as Record<string, unknown>[];
  };

  it('sends a signed webhook once per transition; acknowledge notifies once and stops repeats', async () => {
    await insertSamples(t.sql, agentId, 'cpu', [...everyMinute(T0, -5, 4, 95), ...everyMinute(T0, 5, 10, 10)]);
    const channel = await createChannel(t, user, { url: receiver.url, secret: 'webhook-secret-1' });
    const rule = await createRule(t, user, { windowMinutes: 1, severity: 'critical', channelIds: [channel.id] });
    await step(t);
    await deliver(t);
    await deliver(t);
    expect(receiver.received).toHaveLength(1);
    const [first] = receiver.received;
    expect(Receiver.verified(first, 'webhook-secret-1')).toBe(true);
    expect(Receiver.verified(first, 'another-secret')).toBe(false);
    const [alert] = await alertsOf(t, user);
    const [row] = await deliveries('delivered');
    expect(first.body).toEqual({
      id: row.id,
      event: 'alert.firing',
      repeat: false,
      occurredAt: T0.toISOString(),
      alert,
      rule: { id: rule.id, name: 'High CPU', metric: 'cpu', aggregation: 'avg', comparator: 'gt', threshold: 80, windowMinutes: 1, severity: 'critical' },
      agent: { id: agentId, name: 'billing-bot' },
    });
    expect(first.headers['x-fleetwatch-delivery']).toBe(row.id);
    expect(row).toMatchObject({
      alertId: alert.id,
      channelId: channel.id,
      channelType: 'webhook',
      event: 'alert.firing',
      status: 'delivered',
      attempts: 1,
      lastStatusCode: 200,
      lastError: null,
    });

    await step(t); // T0+1: nothing new
    await step(t); // T0+2: repeat interval reached
    await deliver(t);
    const ack = await t.client.post(`/api/alerts/${alert.id as string}/acknowledge`, user.auth).send({ note: 'looking' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({
      status: 'acknowledged',
      acknowledgedBy: user.id,
      acknowledgedAt: new Date(T0.getTime() + 2 * MINUTE).toISOString(),
      note: 'looking',
    });
    expect((await t.client.post(`/api/alerts/${alert.id as string}/acknowledge`, user.auth).send({})).status).toBe(409);
    for (let i = 0; i < 3; i++) {
      await step(t); // T0+3, T0+4 still true but acknowledged; T0+5 false → resolved
      await deliver(t);
    }
    const seen = receiver.received.map((r) => [
      (r.body as { event: string }).event,
      (r.body as { repeat: boolean }).repeat,
      (r.body as { alert: { status: string } }).alert.status,
    ]);
    expect(seen).toEqual([
      ['alert.firing', false, 'firing'],
      ['alert.firing', true, 'firing'],
      ['alert.acknowledged', false, 'acknowledged'],
      ['alert.resolved', false, 'resolved'],
    ]);
    expect(receiver.received.every((r) => Receiver.verified(r, 'webhook-secret-1'))).toBe(true);
    expect(new Set(receiver.received.map((r) => (r.body as { id: string }).id)).size).toBe(4);
  });

  it('retries with exponential backoff while the receiver is down and delivers exactly once when it is back', async () => {
    await insertSamples(t.sql, agentId, 'cpu', everyMinute(T0, -5, 5, 95));
    const port = receiver.port;
    await receiver.stop();
    const channel = await createChannel(t, user, { url: `http://127.0.0.1:${port}/hook` });
    await createRule(t, user, { channelIds: [channel.id] });
    await step(t);
    await deliver(t);
    let [row] = await deliveries();
    expect(row).toMatchObject({ status: 'pending', attempts: 1, lastStatusCode: null, nextAttemptAt: new Date(T0.getTime() + 1000).toISOString() });
    expect(row.lastError).toMatch(/ECONNREFUSED/);
    await deliver(t); // not due yet
    expect((await deliveries())[0].attempts).toBe(1);
    t.clock.advance(1000);
    await deliver(t);
    [row] = await deliveries();
    expect(row).toMatchObject({ status: 'pending', attempts: 2, nextAttemptAt: new Date(T0.getTime() + 3000).toISOString() });
    t.clock.advance(1000);
    await deliver(t); // 2 s backoff not over
    expect((await deliveries())[0].attempts).toBe(2);
    receiver = await new Receiver().start(port);
    t.clock.advance(1000);
    await deliver(t);
    await deliver(t);
    t.clock.advance(60_000);
    await deliver(t);
    expect(receiver.received).toHaveLength(1);
    [row] = await deliveries();
    expect(row).toMatchObject({ status: 'delivered', attempts: 3, lastStatusCode: 200, lastError: null, nextAttemptAt: null });
  });

  it('gives up after the configured number of attempts and records the last error', async () => {
    receiver.status = 500;
    await insertSamples(t.sql, agentId, 'cpu', everyMinute(T0, -5, 5, 95));
    const channel = await createChannel(t, user, { url: receiver.url });
    await createRule(t, user, { channelIds: [channel.id] });
    await step(t);
    for (let i = 0; i < 6; i++) {
      await deliver(t);
      t.clock.advance(10_000);
    }
    expect(receiver.received).toHaveLength(4);
    expect(await deliveries('failed')).toEqual([
      expect.objectContaining({ status: 'failed', attempts: 4, lastStatusCode: 500, lastError: 'receiver answered 500', nextAttemptAt: null }),
    ]);
    expect(await deliveries('pending')).toEqual([]);
  });

  it('records transitions under a silence but does not notify them', async () => {
    await insertSamples(t.sql, agentId, 'cpu', everyMinute(T0, -5, 5, 95));
    const channel = await createChannel(t, user, { url: receiver.url });
    const rule = await createRule(t, user, { channelIds: [channel.id] });
    const silence = await t.client.post('/api/alerts/silences', user.auth).send({
      matchers: { ruleId: rule.id },
      endsAt: new Date(T0.getTime() + 30 * MINUTE).toISOString(),
      comment: 'maintenance',
    });
    expect(silence.status).toBe(201);
    expect(silence.body).toMatchObject({ matchers: { ruleId: rule.id, agentId: null, severity: null }, state: 'active', comment: 'maintenance' });
    await step(t);
    await deliver(t);
    expect((await alertsOf(t, user)).map((a) => a.status)).toEqual(['firing']);
    expect(receiver.received).toHaveLength(0);
    expect((await deliveries()).map((d) => [d.event, d.status, d.attempts])).toEqual([['alert.firing', 'suppressed', 0]]);

    expect((await t.client.delete(`/api/alerts/silences/${silence.body.id as string}`, user.auth)).status).toBe(204);
    const listed = await t.client.get('/api/alerts/silences', user.auth);
    expect(listed.body.map((s: { state: string }) => s.state)).toEqual(['expired']);
    const [alert] = await alertsOf(t, user);
    await t.client.post(`/api/alerts/${alert.id as string}/resolve`, user.auth).send({});
    await deliver(t);
    expect(receiver.received.map((r) => (r.body as { event: string }).event)).toEqual(['alert.resolved']);
  });

  it('sends pending deliveries after a restart', async () => {
    await insertSamples(t.sql, agentId, 'cpu', everyMinute(T0, -5, 5, 95));
    const channel = await createChannel(t, user, { url: receiver.url });
    await createRule(t, user, { channelIds: [channel.id] });
    const first = await startTestApp({ env: ENV, databaseUrl: t.databaseUrl, now: T0 });
    await step(first, 0);
    await first.close();
    expect((await deliveries('pending')).length).toBe(1);
    const second = await startTestApp({ env: ENV, databaseUrl: t.databaseUrl, now: T0 });
    try {
      await deliver(second);
    } finally {
      await second.close();
    }
    expect(receiver.received.map((r) => (r.body as { event: string }).event)).toEqual(['alert.firing']);
    expect((await deliveries('delivered')).length).toBe(1);
    t.clock.set(T0);
  });

  it('tests a channel on demand and reports what the receiver answered', async () => {
    const hook = await createChannel(t, user, { url: receiver.url, secret: 'test-secret-xyz' });
    const ok = await t.client.post(`/api/alerts/channels/${hook.id}/test`, user.auth);
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ delivered: true, statusCode: 200, latencyMs: expect.any(Number) });
    expect(receiver.received[0].body).toMatchObject({ event: 'test', alert: null, rule: null, agent: null });
    expect(Receiver.verified(receiver.received[0], 'test-secret-xyz')).toBe(true);

    const slack = await createChannel(t, user, { type: 'slack', url: receiver.url, secret: undefined });
    receiver.status = 404;
    const failed = await t.client.post(`/api/alerts/channels/${slack.id}/test`, user.auth);
    expect(failed.body).toEqual({ delivered: false, statusCode: 404, latencyMs: expect.any(Number), error: 'receiver answered 404' });
    expect(receiver.received[1].body).toEqual({ text: 'Fleetwatch test notification' });

    const listed = await t.client.get('/api/alerts/channels', user.auth);
    expect(listed.body.map((c: Record<string, unknown>) => [c.type, c.hasSecret, 'secret' in c])).toEqual([
      ['slack', false, false],
      ['webhook', true, false],
    ]);
  });
});
