import { newId } from '@fleetwatch/common';
import { AlertRow, createAgent, createUser, describeAuthorizationMatrix, insertAlerts, MatrixRoute, MatrixWorld, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ALERT_ENV, createChannel, createRule, Receiver } from './alerts-support';

describe('alerts: authorization', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let receiver: Receiver;

  beforeAll(async () => {
    t = await startTestApp({ env: ALERT_ENV });
    receiver = await new Receiver().start();
    const owner = await createUser(t.client, t.sql);
    const otherUser = await createUser(t.client, t.sql);
    const admin = await createUser(t.client, t.sql, { admin: true });
    const agentId = (await createAgent(t.client, owner)).id;
    const channelId = (await createChannel(t, owner, { url: receiver.url })).id;
    const ruleId = (await createRule(t, owner, { agentId, channelIds: [channelId] })).id;
    world = { client: t.client, owner, otherUser, admin, fixtures: { agentId, channelId, ruleId } };
    world.fixtures.alertId = await openAlert(owner, agentId);
  });
  afterAll(async () => {
    await receiver.stop();
    await t.close();
  });

  /** A firing alert of a fresh rule of the owner, written directly. */
  async function openAlert(owner: TestUser, agentId: string): Promise<string> {
    const rule = await createRule(t, owner, { agentId });
    const id = newId();
    const now = t.clock.now();
    await insertAlerts(t.sql, [
      {
        id,
        ruleId: rule.id,
        agentId,
        ownerId: owner.id,
        status: 'firing',
        severity: 'warning',
        value: 90,
        threshold: 80,
        startedAt: now,
        firedAt: now,
        lastNotifiedAt: now,
      },
    ]);
    return id;
  }

  const read = { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 };
  const ownedRead = { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 };
  const create = { anonymous: 401, owner: 201, otherUser: 201, admin: 201, wrongScopeKey: 403, rightScopeKey: 201 };
  const ownedWrite = { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 };
  const ownedDelete = { anonymous: 401, owner: 204, otherUser: 404, admin: 204, wrongScopeKey: 403, rightScopeKey: 204 };
  const R = 'monitoring:read' as const;
  const W = 'alerts:write' as const;
  const freshRule = async (w: MatrixWorld) => ({ id: (await createRule(t, w.owner, {})).id });
  const freshChannel = async (w: MatrixWorld) => ({ id: (await createChannel(t, w.owner, { url: receiver.url })).id });
  const freshAlert = async (w: MatrixWorld) => ({ id: await openAlert(w.owner, w.fixtures.agentId) });
  const freshSilence = async (w: MatrixWorld) => {
    const response = await t.client
      .post('/api/alerts/silences', w.owner.auth)
      .send({ matchers: {}, endsAt: new Date(t.clock.now().getTime() + 3_600_000).toISOString(), comment: 'x' });
    return { id: response.body.id as string };
  };

  const routes: MatrixRoute[] = [
    {
      route: 'POST /api/alerts/rules',
      method: 'post',
      path: () => '/api/alerts/rules',
      scope: W,
      expect: create,
      body: () => ({ name: 'r', metric: 'cpu', aggregation: 'avg', comparator: 'gt', threshold: 1, windowMinutes: 5 }),
    },
    { route: 'GET /api/alerts/rules', method: 'get', path: () => '/api/alerts/rules', scope: R, expect: read },
    { route: 'GET /api/alerts/rules/:id', method: 'get', path: (w) => `/api/alerts/rules/${w.fixtures.ruleId}`, scope: R, expect: ownedRead },
    {
      route: 'PATCH /api/alerts/rules/:id',
      method: 'patch',
      path: (w) => `/api/alerts/rules/${w.fixtures.ruleId}`,
      scope: W,
      expect: ownedWrite,
      body: () => ({ threshold: 85 }),
    },
    { route: 'DELETE /api/alerts/rules/:id', method: 'delete', prepare: freshRule, path: (_, p) => `/api/alerts/rules/${p.id}`, scope: W, expect: ownedDelete },
    { route: 'GET /api/alerts', method: 'get', path: () => '/api/alerts?status=firing', scope: R, expect: read },
    { route: 'GET /api/alerts/dashboard', method: 'get', path: () => '/api/alerts/dashboard', scope: R, expect: read },
    { route: 'GET /api/alerts/deliveries', method: 'get', path: () => '/api/alerts/deliveries?status=pending', scope: R, expect: read },
    { route: 'GET /api/alerts/:id/history', method: 'get', path: (w) => `/api/alerts/${w.fixtures.alertId}/history`, scope: R, expect: ownedRead },
    {
      route: 'POST /api/alerts/:id/acknowledge',
      method: 'post',
      prepare: freshAlert,
      path: (_, p) => `/api/alerts/${p.id}/acknowledge`,
      scope: W,
      expect: ownedWrite,
      body: () => ({}),
    },
    {
      route: 'POST /api/alerts/:id/resolve',
      method: 'post',
      prepare: freshAlert,
      path: (_, p) => `/api/alerts/${p.id}/resolve`,
      scope: W,
      expect: ownedWrite,
      body: () => ({ note: 'n' }),
    },
    {
      route: 'POST /api/alerts/channels',
      method: 'post',
      path: () => '/api/alerts/channels',
      scope: W,
      expect: create,
      body: () => ({ name: 'c', type: 'slack', url: receiver.url }),
    },
    { route: 'GET /api/alerts/channels', method: 'get', path: () => '/api/alerts/channels', scope: R, expect: read },
    {
      route: 'PATCH /api/alerts/channels/:id',
      method: 'patch',
      path: (w) => `/api/alerts/channels/${w.fixtures.channelId}`,
      scope: W,
      expect: ownedWrite,
      body: () => ({ name: 'renamed' }),
    },
    {
      route: 'DELETE /api/alerts/channels/:id',
      method: 'delete',
      prepare: freshChannel,
      path: (_, p) => `/api/alerts/channels/${p.id}`,
      scope: W,
      expect: ownedDelete,
    },
    {
      route: 'POST /api/alerts/channels/:id/test',
      method: 'post',
      path: (w) => `/api/alerts/channels/${w.fixtures.channelId}/test`,
      scope: W,
      expect: ownedWrite,
    },
    {
      route: 'POST /api/alerts/silences',
      method: 'post',
      path: () => '/api/alerts/silences',
      scope: W,
      expect: create,
      body: () => ({ matchers: { severity: 'critical' }, endsAt: '2099-01-01T00:00:00Z', comment: 'c' }),
    },
    { route: 'GET /api/alerts/silences', method: 'get', path: () => '/api/alerts/silences', scope: R, expect: read },
    {
      route: 'DELETE /api/alerts/silences/:id',
      method: 'delete',
      prepare: freshSilence,
      path: (_, p) => `/api/alerts/silences/${p.id}`,
      scope: W,
      expect: ownedDelete,
    },
  ];
  describeAuthorizationMatrix('alerts', () => world, routes);

  describe('validation', () => {
    const post = (body: Record<string, unknown>) =>
      t.client
        .post('/api/alerts/rules', world.owner.auth)
        .send({ name: 'v', metric: 'cpu', aggregation: 'avg', comparator: 'gt', threshold: 80, windowMinutes: 5, ...body });

    it.each([
      [{ windowMinutes: 0 }, 'windowMinutes must not be less than 1'],
      [{ metric: 'CPU%' }, 'metric must be a sample type matching'],
      [{ aggregation: 'median' }, 'aggregation must be one of the following values'],
      [{ comparator: 'above' }, 'comparator must be one of the following values'],
      [{ noData: 'maybe' }, 'noData must be one of the following values'],
      [{ metric: 'llm_error_rate', aggregation: 'sum' }, 'aggregation must be avg for llm_error_rate'],
      [{ threshold: 'high' }, 'threshold must be a number'],
      [{ colour: 'red' }, 'property colour should not exist'],
    ])('rejects %j with 400 naming the field', async (body, message) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toContain(message);
    });

    it('rejects a channel or an agent that is not the caller’s', async () => {
      const foreignChannel = await createChannel(t, world.otherUser, { url: receiver.url });
      const bad = await post({ channelIds: [world.fixtures.channelId, foreignChannel.id] });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe("channelIds[1] is not a channel of the rule's owner");
      const foreignAgent = await createAgent(t.client, world.otherUser);
      const agent = await post({ agentId: foreignAgent.id });
      expect(agent.status).toBe(404);
      expect(agent.body.message).toBe(`agentId: agent ${foreignAgent.id} not found`);
    });

    it('rejects a silence without matchers, with a foreign rule or ending before it starts', async () => {
      const silence = (body: Record<string, unknown>) =>
        t.client.post('/api/alerts/silences', world.owner.auth).send({ endsAt: '2099-01-01T00:00:00Z', comment: 'c', ...body });
      const none = await silence({});
      expect(none.status).toBe(400);
      expect(JSON.stringify(none.body.message)).toContain('matchers must be an object');
      const foreign = await createRule(t, world.otherUser, {});
      const notMine = await silence({ matchers: { ruleId: foreign.id } });
      expect([notMine.status, notMine.body.message]).toEqual([404, `matchers.ruleId: rule ${foreign.id} not found`]);
      const backwards = await silence({ matchers: {}, startsAt: '2099-01-02T00:00:00Z' });
      expect([backwards.status, backwards.body.message]).toEqual([400, 'endsAt must be after startsAt']);
      const badSeverity = await silence({ matchers: { severity: 'loud' } });
      expect(JSON.stringify(badSeverity.body.message)).toContain('matchers.severity must be one of the following values');
    });

    it('refuses non-http and private channel URLs unless allowed', async () => {
      const ftp = await t.client.post('/api/alerts/channels', world.owner.auth).send({ name: 'x', type: 'slack', url: 'ftp://example.com/x' });
      expect(ftp.status).toBe(400);
      expect(ftp.body.message).toBe('url must use http or https');
      const noSecret = await t.client.post('/api/alerts/channels', world.owner.auth).send({ name: 'x', type: 'webhook', url: receiver.url });
      expect(noSecret.body.message).toBe('secret is required for webhook channels (it signs every body)');
      const strict = await startTestApp({ env: { ...ALERT_ENV, ALLOW_PRIVATE_WEBHOOK_URLS: 'false' }, databaseUrl: t.databaseUrl });
      try {
        const local = await strict.client.post('/api/alerts/channels', world.owner.auth).send({ name: 'x', type: 'slack', url: 'http://localhost:9/x' });
        expect(local.status).toBe(400);
        expect(local.body.message).toMatch(/^url must not point to a private, loopback or link-local address \(localhost is (127\.0\.0\.1|::1)\)$/);
        const test = await strict.client.post(`/api/alerts/channels/${world.fixtures.channelId}/test`, world.owner.auth);
        expect(test.body).toMatchObject({ delivered: false, statusCode: null, error: expect.stringMatching(/^url must not point to a private/) });
      } finally {
        await strict.close();
      }
    });
  });

  describe('dashboard and Prometheus gauges', () => {
    it('counts by status and severity, names the noisiest rules and averages MTTA and MTTR', async () => {
      const user = await createUser(t.client, t.sql);
      const agentId = (await createAgent(t.client, user)).id;
      const rule = await createRule(t, user, { name: 'noisy', agentId });
      const quiet = await createRule(t, user, { name: 'quiet', agentId });
      const now = t.clock.now().getTime();
      const m = (minutes: number) => new Date(now - minutes * 60_000);
      const insert = (ruleId: string, status: AlertRow['status'], severity: string, firedAt: Date | null, ackAt: Date | null, resolvedAt: Date | null) =>
        insertAlerts(t.sql, [
          { id: newId(), ruleId, agentId, ownerId: user.id, status, severity, threshold: 80, startedAt: m(120), firedAt, acknowledgedAt: ackAt, resolvedAt },
        ]);
      await insert(rule.id, 'resolved', 'critical', m(100), m(90), m(80)); // ack 10 min, resolve 20 min
      await insert(rule.id, 'resolved', 'critical', m(60), m(30), m(20)); // ack 30 min, resolve 40 min
      await insert(rule.id, 'acknowledged', 'critical', m(10), m(5), null);
      await insert(quiet.id, 'pending', 'info', null, null, null);
      const response = await t.client.get('/api/alerts/dashboard', user.auth);
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        byStatus: { pending: 1, firing: 0, acknowledged: 1, resolved: 2 },
        bySeverity: { info: 1, warning: 0, critical: 1 },
        noisiestRules: [{ ruleId: rule.id, ruleName: 'noisy', fired: 3 }],
        meanTimeToAcknowledgeSeconds: (10 * 60 + 30 * 60 + 5 * 60) / 3,
        meanTimeToResolveSeconds: (20 * 60 + 40 * 60) / 2,
        since: new Date(now - 7 * 86_400_000).toISOString(),
      });

      const { register } = await import('prom-client');
      const text = await register.metrics();
      const open = await t.sql.query(`select severity, count(*)::int as n from alerts where status <> 'resolved' group by severity`);
      const counts = Object.fromEntries(open.rows.map((r) => [r.severity, r.n]));
      for (const severity of ['info', 'warning', 'critical']) {
        expect(text).toContain(`fleetwatch_alerts_open{severity="${severity}"} ${counts[severity] ?? 0}`);
      }
      const pending = await t.sql.query(`select count(*)::int as n from alert_deliveries where status = 'pending'`);
      expect(text).toContain(`fleetwatch_alert_deliveries_pending ${pending.rows[0].n}`);
    });
  });
});
