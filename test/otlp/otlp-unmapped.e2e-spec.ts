import { JobScheduler } from '@fleetwatch/database';
import { UNMAPPED_PRUNE_JOB } from '@fleetwatch/otlp';
import { createAgent, createApiKey, createUser, describeAuthorizationMatrix, MatrixWorld, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { sendTraces, storedCalls } from './otlp-conventions-kit';
import { hexId, SpanSpec, traceExport } from './otlp-json.builder';

const NO_AGENT = 'no agent: set the resource attribute fleetwatch.agent.id (or gen_ai.agent.id) to a Fleetwatch agent id';
const SEE = '(see GET /api/otlp/recent-unmapped and docs/otlp.md)';
const HOUR = 3_600_000;

/** Spans no convention recognises: counted, answered with a warning, listed per owner for 24 h. */
describe('OTLP: unrecognised spans are reported, never dropped silently', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let key: string;
  let otherKey: string;
  let agentId: string;
  let world: MatrixWorld;

  beforeAll(async () => {
    t = await startTestApp();
    [owner, other, admin] = [await createUser(t.client, t.sql), await createUser(t.client, t.sql), await createUser(t.client, t.sql, { admin: true })];
    key = await createApiKey(t.client, owner, ['ingest']);
    otherKey = await createApiKey(t.client, other, ['ingest']);
    agentId = (await createAgent(t.client, owner)).id;
    world = { client: t.client, owner, otherUser: other, admin, fixtures: {} };
  });
  afterAll(async () => {
    await t.close();
  });

  const span = (name: string, attributes: SpanSpec['attributes'], endMs: number): SpanSpec => ({
    name,
    spanId: hexId(8),
    startMs: endMs - 10,
    endMs,
    attributes,
  });
  const chat = (endMs: number) => span('chat m', { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm', 'gen_ai.usage.input_tokens': 3 }, endMs);

  it.each(['json', 'protobuf'] as const)(
    'answers %s with partialSuccess rejectedSpans 0 naming the unrecognised spans, and stores the rest',
    async (format) => {
      const agent = (await createAgent(t.client, owner)).id;
      const now = t.clock.now().getTime();
      const body = traceExport({ 'fleetwatch.agent.id': agent }, hexId(16), [
        span('GET /orders', { 'http.request.method': 'GET', 'url.path': '/orders' }, now - 300),
        chat(now - 200),
        span('GET /orders', { 'http.request.method': 'GET' }, now - 100),
        span('db.query', { 'db.system': 'postgresql' }, now - 50),
      ]);
      expect(await sendTraces(t, body, format, { apiKey: key })).toEqual({
        status: 200,
        partialSuccess: { rejectedSpans: 0, errorMessage: `3 spans were not recognised: GET /orders, db.query ${SEE}` },
      });
      expect((await storedCalls(t, agent)).map((c) => [c.model, c.input_tokens])).toEqual([['m', 3]]);
    },
  );

  it('puts refusals and the warning in one message, and lists at most five names', async () => {
    const now = t.clock.now().getTime();
    const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g'].map((n) => span(`custom.${n}`, {}, now - 10));
    const noAgent = traceExport({}, hexId(16), [chat(now - 20), ...names]);
    expect(await sendTraces(t, noAgent, 'json', { apiKey: otherKey })).toEqual({
      status: 200,
      partialSuccess: {
        rejectedSpans: 1,
        errorMessage: `1 span: ${NO_AGENT}; 7 spans were not recognised: custom.a, custom.b, custom.c, custom.d, custom.e, and 2 more names ${SEE}`,
      },
    });
  });

  describe('GET /api/otlp/recent-unmapped', () => {
    let since: number;

    beforeAll(async () => {
      t.clock.advance(25 * HOUR);
      since = t.clock.now().getTime();
      const body = (names: string[]) =>
        traceExport({ 'fleetwatch.agent.id': agentId }, hexId(16), [
          ...names.map((n) => span(n, { 'http.request.method': 'POST', 'url.path': '/x', 'http.response.status_code': 200 }, since - 10)),
          chat(since - 5),
        ]);
      await sendTraces(t, body(['POST /x', 'POST /x', 'cron.tick']), 'json', { apiKey: key });
      t.clock.advance(2 * HOUR);
      await sendTraces(t, body(['POST /x']), 'protobuf', { apiKey: key });
      await sendTraces(t, traceExport({}, hexId(16), [span('stranger.span', { k: 1 }, since)]), 'json', { apiKey: otherKey });
    });

    const mine = (spans: Record<string, unknown>[]) => spans.filter((s) => s.ownerId === owner.id);

    it('shows an owner the span names and attribute keys their exports carried, most frequent first, counts since the first sighting', async () => {
      const response = await t.client.get('/api/otlp/recent-unmapped', owner.auth);
      expect(response.status).toBe(200);
      const at = (ms: number) => new Date(ms).toISOString();
      expect(response.body).toEqual({
        since: at(since + 2 * HOUR - 24 * HOUR),
        spans: [
          {
            ownerId: owner.id,
            spanName: 'POST /x',
            count: 3,
            attributeKeys: ['http.request.method', 'http.response.status_code', 'url.path'],
            firstSeenAt: at(since),
            lastSeenAt: at(since + 2 * HOUR),
          },
          {
            ownerId: owner.id,
            spanName: 'cron.tick',
            count: 1,
            attributeKeys: ['http.request.method', 'http.response.status_code', 'url.path'],
            firstSeenAt: at(since),
            lastSeenAt: at(since),
          },
        ],
      });
    });

    it('keeps each owner to their own names; an admin sees everyone’s', async () => {
      const forOther = await t.client.get('/api/otlp/recent-unmapped', other.auth);
      expect(forOther.body.spans.map((s: { spanName: string }) => s.spanName)).toEqual(['stranger.span']);
      const forAdmin = await t.client.get('/api/otlp/recent-unmapped?limit=500', admin.auth);
      expect(mine(forAdmin.body.spans).map((s) => [s.spanName, s.count])).toEqual([
        ['POST /x', 3],
        ['cron.tick', 1],
      ]);
      expect(forAdmin.body.spans.some((s: { ownerId: string }) => s.ownerId === other.id)).toBe(true);
    });

    it('narrows to the last hours asked for and limits the list', async () => {
      const lastHour = await t.client.get('/api/otlp/recent-unmapped?hours=1&limit=5', owner.auth);
      expect(lastHour.body.spans.map((s: { spanName: string }) => s.spanName)).toEqual(['POST /x']);
      const one = await t.client.get('/api/otlp/recent-unmapped?limit=1', owner.auth);
      expect(one.body.spans.map((s: { spanName: string }) => s.spanName)).toEqual(['POST /x']);
    });

    it.each([
      ['hours=0', 'hours'],
      ['hours=25', 'hours'],
      ['hours=1.5', 'hours'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['limit=many', 'limit'],
    ])('answers 400 naming the field for %s', async (query, field) => {
      const response = await t.client.get(`/api/otlp/recent-unmapped?${query}`, owner.auth);
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toContain(field);
    });

    it('forgets names unseen for 24 h (the prune job deletes them) and restarts a count after such a gap', async () => {
      t.clock.advance(24 * HOUR + 1000);
      expect((await t.client.get('/api/otlp/recent-unmapped', owner.auth)).body.spans).toEqual([]);
      const before = await t.sql.query(`select count(*)::int as n from otlp_unmapped_spans where owner_id = $1`, [owner.id]);
      // The two names of this block and the two of the first tests, all unseen for more than 24 h now.
      expect(before.rows[0].n).toBe(4);
      await t.get(JobScheduler).runNow(UNMAPPED_PRUNE_JOB);
      const after = await t.sql.query(`select count(*)::int as n from otlp_unmapped_spans where owner_id = $1`, [owner.id]);
      expect(after.rows[0].n).toBe(0);
      const now = t.clock.now().getTime();
      await sendTraces(t, traceExport({ 'fleetwatch.agent.id': agentId }, hexId(16), [span('POST /x', {}, now)]), 'json', { apiKey: key });
      const again = await t.client.get('/api/otlp/recent-unmapped', owner.auth);
      expect(again.body.spans.map((s: { spanName: string; count: number }) => [s.spanName, s.count])).toEqual([['POST /x', 1]]);
    });
  });

  describeAuthorizationMatrix('otlp recent-unmapped', () => world, [
    {
      route: 'GET /api/otlp/recent-unmapped',
      method: 'get',
      path: () => '/api/otlp/recent-unmapped',
      scope: 'monitoring:read',
      expect: { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
  ]);
});
