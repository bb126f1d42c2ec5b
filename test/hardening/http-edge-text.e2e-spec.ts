import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ALERT_ENV, alertsOf, alignedNow, createRule, everyMinute, insertSamples, MINUTE, step } from '../alerts/alerts-support';

const NUL = 'bad\u0000name';
const LONE_HIGH = 'bad\uD800name';
const LONE_LOW = 'bad\uDC00name';

/** Text PostgreSQL cannot store (NUL) or that is not Unicode (a lone surrogate) is the client's error: 400 naming the field. */
describe('text fields refuse NUL and lone surrogates', () => {
  let t: TestApp;
  let user: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ env: ALERT_ENV, now: alignedNow() });
    user = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, user, { name: 'text-bot' });
  });
  afterAll(async () => {
    await t.close();
  });

  const expect400 = (response: { status: number; body: { message?: unknown }; headers: Record<string, string> }, field: string, problem: string) => {
    expect(response.status).toBe(400);
    expect(response.headers['retry-after']).toBeUndefined();
    expect(response.body).toEqual({ statusCode: 400, error: 'Bad Request', code: 'validation_failed', message: [`${field} ${problem}`] });
  };

  it('agent name and description with NUL answer 400, and nothing is stored', async () => {
    expect400(await t.client.post('/api/agents', user.auth).send({ name: NUL }), 'name', 'must not contain NUL characters');
    expect400(
      await t.client.post('/api/agents', user.auth).send({ name: 'ok-name', description: `x${NUL}` }),
      'description',
      'must not contain NUL characters',
    );
    expect400(await t.client.patch(`/api/agents/${agent.id}`, user.auth).send({ description: NUL }), 'description', 'must not contain NUL characters');
    const { rows } = await t.sql.query(`select count(*)::int as n from agents where owner_id = $1`, [user.id]);
    expect(rows[0].n).toBe(1);
  });

  it('a NUL in a nested object key or value names its path', async () => {
    const response = await t.client
      .post(`/api/agents/${agent.id}/deployments`, user.auth)
      .send({ environment: 'production', configuration: { model: { ['na\u0000me']: 'x' } } });
    expect400(response, 'configuration.model', 'must not contain NUL characters in its keys');
    const value = await t.client
      .post(`/api/agents/${agent.id}/deployments`, user.auth)
      .send({ environment: 'production', configuration: { steps: ['a', NUL] } });
    expect400(value, 'configuration.steps[1]', 'must not contain NUL characters');
  });

  it('a configuration replaced with a NUL inside answers 400 and keeps the stored one', async () => {
    const created = await t.client.post(`/api/agents/${agent.id}/deployments`, user.auth).send({ environment: 'staging', configuration: { replicas: 2 } });
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    expect400(
      await t.client.put(`/api/deployments/${id}/configuration`, user.auth).send({ model: { name: NUL } }),
      'configuration.model.name',
      'must not contain NUL characters',
    );
    expect400(
      await t.client.put(`/api/deployments/${id}/configuration`, user.auth).send({ [LONE_LOW]: 1 }),
      'configuration',
      'must not contain unpaired surrogates in its keys',
    );
    expect((await t.client.get(`/api/deployments/${id}/configuration`, user.auth)).body).toEqual({ replicas: 2 });
    await t.sql.query(`delete from deployments where id = $1`, [id]);
  });

  it('ingest keeps its own answers for text PostgreSQL cannot store: 400, never 5xx', async () => {
    const key = (await t.client.post('/api/auth/api-keys', user.auth).send({ name: 'ingest', scopes: ['ingest'] })).body.key as string;
    for (const text of [NUL, LONE_HIGH]) {
      const response = await t.client
        .post('/api/ingest', { apiKey: key })
        .set('Content-Type', 'application/json')
        .send(JSON.stringify({ events: [{ agentId: agent.id, type: 'note', message: text }] }));
      expect([JSON.stringify(text), response.status]).toEqual([JSON.stringify(text), 400]);
    }
  });

  it('deployment environment with NUL answers 400', async () => {
    expect400(
      await t.client.post(`/api/agents/${agent.id}/deployments`, user.auth).send({ environment: NUL, configuration: {} }),
      'environment',
      'must not contain NUL characters',
    );
    const { rows } = await t.sql.query(`select count(*)::int as n from deployments where agent_id = $1`, [agent.id]);
    expect(rows[0].n).toBe(0);
  });

  it('an alert note with NUL answers 400 and leaves the alert open', async () => {
    const T0 = new Date(t.clock.now().getTime() + MINUTE);
    await insertSamples(t.sql, agent.id, 'cpu', everyMinute(T0, -5, 4, 95));
    await createRule(t, user, { windowMinutes: 1 });
    await step(t);
    const [alert] = await alertsOf(t, user);
    expect(alert.status).toBe('firing');
    expect400(await t.client.post(`/api/alerts/${alert.id as string}/acknowledge`, user.auth).send({ note: NUL }), 'note', 'must not contain NUL characters');
    expect((await alertsOf(t, user))[0].status).toBe('firing');
    await t.sql.query(`update alert_rules set enabled = false where owner_id = $1`, [user.id]);
  });

  it('a query filter with NUL answers 400', async () => {
    expect400(
      await t.client.get(`/api/analytics/tools/summary?tool_name=${encodeURIComponent(NUL)}`, user.auth),
      'tool_name',
      'must not contain NUL characters',
    );
    expect400(
      await t.client.get(`/api/analytics/tools/by-tool?tool_name=${encodeURIComponent(NUL)}`, user.auth),
      'tool_name',
      'must not contain NUL characters',
    );
  });

  it('a lone surrogate answers 400 in a body (JSON escape) and in a query', async () => {
    const escaped = (s: string) => JSON.stringify({ name: s }); // JSON.stringify writes a lone surrogate as \udxxx
    for (const text of [LONE_HIGH, LONE_LOW]) {
      const response = await t.client.post('/api/agents', user.auth).set('Content-Type', 'application/json').send(escaped(text));
      expect400(response, 'name', 'must not contain unpaired surrogates');
    }
    const response = await t.client.get(`/api/analytics/tools/summary?tool_name=%ED%A0%80`, user.auth);
    // %ED%A0%80 is the UTF-8-style encoding of U+D800, which decodes to U+FFFD or fails: never a 5xx.
    expect(response.status).toBeLessThan(500);
  });

  it('paired surrogates (emoji) and ordinary text still work', async () => {
    const response = await t.client.post('/api/agents', user.auth).send({ name: 'rocket 🚀 bot', description: 'tabs\tand\nnewlines' });
    expect(response.status).toBe(201);
    expect(response.body).toMatchObject({ name: 'rocket 🚀 bot', description: 'tabs\tand\nnewlines' });
  });
});
