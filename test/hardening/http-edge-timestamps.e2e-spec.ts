import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-03-10T12:00:00.000Z';

/** ISO 8601 forms that are not RFC 3339, a naive time, impossible values, and years out of range. */
const BAD = [
  '2026-W01',
  '2026-W01-1',
  '20261201',
  '2026-123',
  '2026-12-01T00:00:00,5Z',
  '2026-12-01T00:00:00',
  '2026-12-01T00:00:00+0100',
  '2026-02-30T00:00:00Z',
  '2026-12-01T25:00:00Z',
  '0001-01-01T00:00:00Z',
  '+275760-09-13T00:00:00Z',
];
const GOOD = ['2026-03-09T12:00:00Z', '2026-03-09T13:00:00.250+01:00', '2026-03-09T12:00:00.123456Z'];

interface DateField {
  route: string;
  field: string;
  call: (t: TestApp, value: string) => Promise<{ status: number; body: { message?: unknown } }>;
}

/** Every timestamp a client can send, on the routes that take them: one rule, 400 naming the field. */
describe('timestamps in queries and bodies follow one strict rule', () => {
  let t: TestApp;
  let user: TestUser;
  let admin: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    user = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agent = await createAgent(t.client, user, { name: 'dated-bot' });
  });
  afterAll(async () => {
    await t.close();
  });

  const q = (value: string) => encodeURIComponent(value);
  const fields: DateField[] = [
    {
      route: 'GET /api/analytics/tools/summary',
      field: 'start_date',
      call: (t, v) => t.client.get(`/api/analytics/tools/summary?start_date=${q(v)}`, user.auth),
    },
    { route: 'GET /api/analytics/tools/recent', field: 'end_date', call: (t, v) => t.client.get(`/api/analytics/tools/recent?end_date=${q(v)}`, user.auth) },
    { route: 'GET /api/analytics/timeseries', field: 'start', call: (t, v) => t.client.get(`/api/analytics/timeseries?metric=cpu&start=${q(v)}`, user.auth) },
    { route: 'GET /api/analytics/export', field: 'start', call: (t, v) => t.client.get(`/api/analytics/export?dataset=samples&start=${q(v)}`, user.auth) },
    {
      route: 'GET /api/v1/agents/:account/:name/observability/metrics',
      field: 'start_time',
      call: (t, v) => t.client.get(`/api/v1/agents/${user.username}/dated-bot/observability/metrics?start_time=${q(v)}`, user.auth),
    },
    { route: 'GET /api/agents/:id/metrics', field: 'since', call: (t, v) => t.client.get(`/api/agents/${agent.id}/metrics?since=${q(v)}`, user.auth) },
    {
      route: 'GET /api/agents/:id/cost',
      field: 'period_start',
      call: (t, v) => t.client.get(`/api/agents/${agent.id}/cost?period_start=${q(v)}&period_end=2026-03-10`, user.auth),
    },
    { route: 'GET /api/cost/models', field: 'at', call: (t, v) => t.client.get(`/api/cost/models?at=${q(v)}`, user.auth) },
    { route: 'GET /api/monitoring/performance', field: 'since', call: (t, v) => t.client.get(`/api/monitoring/performance?since=${q(v)}`, user.auth) },
    {
      route: 'POST /api/admin/cost/reprice',
      field: 'from',
      call: (t, v) => t.client.post('/api/admin/cost/reprice', admin.auth).send({ from: v, to: '2026-03-10T00:00:00Z' }),
    },
    {
      route: 'PUT /api/cost/models/:model',
      field: 'effectiveFrom',
      call: (t, v) => t.client.put('/api/cost/models/dated-model', admin.auth).send({ inputPer1M: 1, outputPer1M: 2, effectiveFrom: v }),
    },
    {
      route: 'POST /api/alerts/silences',
      field: 'endsAt',
      call: (t, v) => t.client.post('/api/alerts/silences', user.auth).send({ matchers: {}, startsAt: '2026-03-09T00:00:00Z', endsAt: v, comment: 'window' }),
    },
    {
      route: 'POST /api/alerts/silences',
      field: 'startsAt',
      call: (t, v) => t.client.post('/api/alerts/silences', user.auth).send({ matchers: {}, startsAt: v, endsAt: '9999-12-31T00:00:00Z', comment: 'window' }),
    },
  ];

  it.each(fields.map((f) => [f.route, f.field, f] as const))('%s refuses bad %s values with 400 naming the field', async (_route, field, f) => {
    const answers: [string, number, boolean][] = [];
    for (const value of BAD) {
      const response = await f.call(t, value);
      answers.push([value, response.status, JSON.stringify(response.body.message ?? '').includes(`${field} must be a`)]);
    }
    expect(answers).toEqual(BAD.map((value) => [value, 400, true]));
  });

  it.each(fields.map((f) => [f.route, f.field, f] as const))('%s takes RFC 3339 %s values with Z, an offset or a fraction', async (_route, _field, f) => {
    for (const value of GOOD) {
      const response = await f.call(t, value);
      expect([value, response.status]).toEqual([value, response.status < 300 ? response.status : 'a 2xx']);
    }
  });

  it('silence times out of range answer 400 and nothing is stored; 0001 no longer reads back as 2001', async () => {
    for (const endsAt of ['-100000-01-01T00:00:00Z', '+275760-09-13T00:00:00Z', '0001-01-01T00:00:00Z', '10000-01-01T00:00:00Z']) {
      const response = await t.client.post('/api/alerts/silences', user.auth).send({ matchers: {}, startsAt: '0001-01-01T00:00:00Z', endsAt, comment: 'far' });
      expect([endsAt, response.status]).toEqual([endsAt, 400]);
      expect(JSON.stringify(response.body.message)).toContain('startsAt must be a timestamp with Z or an offset');
    }
    expect((await t.sql.query(`select count(*)::int as n from alert_silences where comment = 'far'`)).rows[0].n).toBe(0);
    const edge = await t.client
      .post('/api/alerts/silences', user.auth)
      .send({ matchers: {}, startsAt: '1970-01-01T00:00:00Z', endsAt: '9999-12-31T23:59:59.999Z', comment: 'edges' });
    expect(edge.status).toBe(201);
    expect(edge.body).toMatchObject({ startsAt: '1970-01-01T00:00:00.000Z', endsAt: '9999-12-31T23:59:59.999Z', state: 'active' });
  });

  it('agent cost keeps taking a bare UTC date for its period', async () => {
    const response = await t.client.get(`/api/agents/${agent.id}/cost?period_start=2026-03-01&period_end=2026-03-10`, user.auth);
    expect(response.status).toBe(200);
    expect(response.body).toMatchObject({ periodStart: '2026-03-01T00:00:00.000Z', total_cost: 0 });
  });
});
