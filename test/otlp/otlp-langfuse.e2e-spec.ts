import { createAgent, createApiKey, createUser, describeAuthorizationMatrix, MatrixWorld, TestUser } from '@fleetwatch/testing';
import { decodeStatus } from '@fleetwatch/otlp';
import { startTestApp, TestApp } from '../support/test-app';
import { gpt4oMiniCost, sendTraces, storedCalls, storedRuns, storedTools } from './otlp-conventions-kit';
import { hexId, traceExport, Value } from './otlp-json.builder';
import { binaryParser } from './otlp-test-kit';

const LANGFUSE_PATH = '/api/public/otel/v1/traces';
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;
/** `fw_<12 hex>`: what a Langfuse SDK gets as LANGFUSE_PUBLIC_KEY. */
const prefixOf = (key: string) => key.slice(0, 15);

/** The Langfuse JS SDK's spans (capture of @langfuse/otel with @langfuse/openai) on the Langfuse-compatible path. */
describe('OTLP conventions: Langfuse, on /api/public/otel/v1/traces with Basic auth', () => {
  let t: TestApp;
  let owner: TestUser;
  let key: string;
  let world: MatrixWorld;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createUser(t.client, t.sql);
    key = await createApiKey(t.client, owner, ['ingest']);
    const [otherUser, admin] = [await createUser(t.client, t.sql), await createUser(t.client, t.sql, { admin: true })];
    world = { client: t.client, owner, otherUser, admin, fixtures: { agentId: (await createAgent(t.client, owner)).id } };
  });
  afterAll(async () => {
    await t.close();
  });

  function langfuseTrace(agentId: string, traceId: string, ids: string[], now: number): Record<string, unknown> {
    const [root, g1, tool, g2, g3] = ids;
    const common = { 'langfuse.environment': 'test', 'user.id': 'u-1', 'session.id': 'fw-session-0004', 'langfuse.trace.name': 'weather-agent' };
    const generation = (model: string, usage?: Record<string, number>, extra: Record<string, Value> = {}): Record<string, Value> => ({
      ...common,
      'langfuse.observation.type': 'generation',
      'langfuse.observation.model.name': model,
      ...(usage ? { 'langfuse.observation.usage_details': JSON.stringify(usage) } : {}),
      ...extra,
    });
    return traceExport({ 'fleetwatch.agent.id': agentId }, traceId, [
      { name: 'weather-agent', spanId: root, startMs: now - 9000, endMs: now - 100, attributes: { ...common, 'langfuse.observation.type': 'agent' } },
      {
        name: 'OpenAI.chat',
        spanId: g1,
        parentSpanId: root,
        startMs: now - 8000,
        endMs: now - 6000,
        attributes: generation('gpt-4o-mini-2024-07-18', {
          input: 200,
          output: 180,
          total: 1500,
          input_cached_tokens: 1000,
          input_audio_tokens: 0,
          output_reasoning_tokens: 120,
          output_audio_tokens: 0,
          output_accepted_prediction_tokens: 0,
          output_rejected_prediction_tokens: 0,
        }),
      },
      {
        name: 'get_weather',
        spanId: tool,
        parentSpanId: root,
        startMs: now - 5900,
        endMs: now - 5800,
        attributes: { ...common, 'langfuse.observation.type': 'tool' },
      },
      {
        name: 'OpenAI.chat',
        spanId: g2,
        parentSpanId: root,
        startMs: now - 5000,
        endMs: now - 4000,
        attributes: generation(
          'gpt-4o-mini',
          { input: 80, output: 12, total: 92, input_cached_tokens: 0 },
          {
            'langfuse.observation.completion_start_time': JSON.stringify(new Date(now - 4925).toISOString()),
          },
        ),
      },
      {
        name: 'OpenAI.chat',
        spanId: g3,
        parentSpanId: root,
        startMs: now - 3000,
        endMs: now - 2900,
        attributes: generation('gpt-4o-mini', undefined, {
          'langfuse.observation.level': 'ERROR',
          'langfuse.observation.status_message': 'Error: 500 The mock upstream failed on purpose.',
        }),
      },
    ]);
  }

  it('stores Langfuse generations with usage_details turned into GenAI totals, the tool, the error level and TTFT; one run', async () => {
    const agent = await createAgent(t.client, owner);
    const now = t.clock.now().getTime();
    const traceId = hexId(16);
    const ids = [hexId(8), hexId(8), hexId(8), hexId(8), hexId(8)];
    const answer = await sendTraces(t, langfuseTrace(agent.id, traceId, ids, now), 'json', { authorization: basic(prefixOf(key), key) }, LANGFUSE_PATH);
    expect(answer).toEqual({ status: 200 });
    const calls = await storedCalls(t, agent.id);
    expect(
      calls.map((c) => [c.model, c.input_tokens, c.cache_read_input_tokens, c.output_tokens, c.reasoning_output_tokens, c.ttft_ms, c.status, c.error_type]),
    ).toEqual([
      ['gpt-4o-mini-2024-07-18', 1200, 1000, 300, 120, null, 'success', null],
      ['gpt-4o-mini', 80, 0, 12, 0, 75, 'success', null],
      ['gpt-4o-mini', 0, 0, 0, 0, null, 'error', 'Error: 500 The mock upstream failed on purpose.'],
    ]);
    expect(calls.map((c) => [c.cost_usd, c.run_id, c.conversation_id, c.span_id, c.parent_span_id])).toEqual([
      [gpt4oMiniCost(1200, 1000, 300), traceId, 'fw-session-0004', ids[1], ids[0]],
      [gpt4oMiniCost(80, 0, 12), traceId, 'fw-session-0004', ids[3], ids[0]],
      [0, traceId, 'fw-session-0004', ids[4], ids[0]],
    ]);
    expect((await storedTools(t, agent.id)).map((c) => [c.tool, c.duration_ms, c.run_id])).toEqual([['get_weather', 100, traceId]]);
    expect(
      (await storedRuns(t, agent.id)).map((r) => [r.id, r.name, r.status, r.conversation_id, r.span_id, r.llm_calls, r.tool_calls, r.errors, r.input_tokens]),
    ).toEqual([[traceId, 'weather-agent', 'success', 'fw-session-0004', ids[0], 3, 1, 1, 1280]]);
  });

  it.each([
    ['the key prefix as user, the whole key as password (JSON)', 'json', (k: string) => basic(prefixOf(k), k)],
    ['an empty user and the whole key as password (protobuf)', 'protobuf', (k: string) => basic('', k)],
    ['the key prefix as user and the secret after it as password', 'json', (k: string) => basic(prefixOf(k), k.slice(16))],
    ['a Bearer key, as on /api/otlp', 'protobuf', (k: string) => `Bearer ${k}`],
  ] as const)('accepts %s', async (_, format, header) => {
    const agent = await createAgent(t.client, owner);
    const now = t.clock.now().getTime();
    const answer = await sendTraces(
      t,
      langfuseTrace(agent.id, hexId(16), [hexId(8), hexId(8), hexId(8), hexId(8), hexId(8)], now),
      format,
      { authorization: header(key) },
      LANGFUSE_PATH,
    );
    expect(answer).toEqual({ status: 200 });
    expect(await storedCalls(t, agent.id)).toHaveLength(3);
  });

  it('answers 400 on the Langfuse path as on /api/otlp: a malformed body naming the field, a protobuf Status, an unsupported Content-Type', async () => {
    const agent = await createAgent(t.client, owner);
    const auth = basic(prefixOf(key), key);
    const shape = await t.client
      .post(LANGFUSE_PATH)
      .set('Authorization', auth)
      .send({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'not-hex!' }] }] }] });
    expect([shape.status, shape.body.message]).toEqual([
      400,
      'the body is no valid OTLP traces export request: resourceSpans[0].scopeSpans[0].spans[0].traceId must be 16 bytes as hex',
    ]);
    const proto = await t.client
      .post(LANGFUSE_PATH)
      .set('Authorization', auth)
      .set('Content-Type', 'application/x-protobuf')
      .buffer(true)
      .parse(binaryParser)
      .send(Buffer.from('definitely not protobuf \xff\xff\xff'));
    expect(proto.status).toBe(400);
    const status = decodeStatus(proto.body as Buffer);
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/^the body is no valid OTLP traces export request: /);
    const text = await t.client.post(LANGFUSE_PATH).set('Authorization', auth).set('Content-Type', 'text/plain').send('hello');
    expect([text.status, text.body.message]).toEqual([400, 'Content-Type text/plain is not supported: send application/x-protobuf or application/json']);
    expect(await storedCalls(t, agent.id)).toEqual([]);
  });

  it('accepts Basic on the Langfuse path only: the same credentials get 401 from the other routes, Bearer still works there', async () => {
    const agent = await createAgent(t.client, owner);
    const credentials = basic(prefixOf(key), key);
    const ingest = await t.client
      .post('/api/ingest')
      .set('Authorization', credentials)
      .send({ samples: [{ agentId: agent.id, type: 'cpu', value: 1 }] });
    expect([ingest.status, ingest.body.message]).toEqual([401, 'Missing, invalid, expired or revoked credentials']);
    const otlp = await t.client
      .post('/api/otlp/v1/traces')
      .set('Authorization', credentials)
      .set('Content-Type', 'application/json')
      .send(langfuseTrace(agent.id, hexId(16), [hexId(8), hexId(8), hexId(8), hexId(8), hexId(8)], t.clock.now().getTime()));
    expect(otlp.status).toBe(401);
    const bearer = await t.client
      .post('/api/ingest')
      .set('Authorization', `Bearer ${key}`)
      .send({ samples: [{ agentId: agent.id, type: 'cpu', value: 1 }] });
    expect(bearer.status).toBe(202);
    expect(await storedCalls(t, agent.id)).toEqual([]);
  });

  it('answers 401 to a wrong password, in JSON and as a protobuf Status, and stores nothing', async () => {
    const agent = await createAgent(t.client, owner);
    const body = langfuseTrace(agent.id, hexId(16), [hexId(8), hexId(8), hexId(8), hexId(8), hexId(8)], t.clock.now().getTime());
    const wrong = `${key.slice(0, -4)}AAAA`;
    const json = await t.client
      .post(LANGFUSE_PATH)
      .set('Authorization', basic(prefixOf(key), wrong))
      .set('Content-Type', 'application/json')
      .send(body);
    expect(json.status).toBe(401);
    expect(json.body.message).toBe('Missing, invalid, expired or revoked credentials');
    const otherPrefix = await t.client
      .post(LANGFUSE_PATH)
      .set('Authorization', basic('fw_000000000000', key))
      .set('Content-Type', 'application/json')
      .send(body);
    expect(otherPrefix.status).toBe(401);
    const proto = await t.client
      .post(LANGFUSE_PATH)
      .set('Authorization', basic(prefixOf(key), wrong))
      .set('Content-Type', 'application/x-protobuf')
      .buffer(true)
      .parse(binaryParser)
      .send(Buffer.alloc(0));
    expect(proto.status).toBe(401);
    expect(decodeStatus(proto.body as Buffer)).toEqual({ code: 16, message: 'Missing, invalid, expired or revoked credentials' });
    expect(await storedCalls(t, agent.id)).toEqual([]);
  });

  it('refuses the spans of another user’s agent in partialSuccess, with a valid key of its own', async () => {
    const stranger = await createUser(t.client, t.sql);
    const strangerKey = await createApiKey(t.client, stranger, ['ingest']);
    const agent = await createAgent(t.client, owner);
    const body = langfuseTrace(agent.id, hexId(16), [hexId(8), hexId(8), hexId(8), hexId(8), hexId(8)], t.clock.now().getTime());
    const answer = await sendTraces(t, body, 'json', { authorization: basic(prefixOf(strangerKey), strangerKey) }, LANGFUSE_PATH);
    // Three generations, the tool and the agent run span.
    expect(answer).toEqual({ status: 200, partialSuccess: { rejectedSpans: 5, errorMessage: `5 spans: agent ${agent.id} is unknown or not yours` } });
    expect(await storedCalls(t, agent.id)).toEqual([]);
    expect(await storedTools(t, agent.id)).toEqual([]);
  });

  describeAuthorizationMatrix('langfuse otel', () => world, [
    {
      route: `POST ${LANGFUSE_PATH}`,
      method: 'post',
      path: () => LANGFUSE_PATH,
      body: (w) => langfuseTrace(w.fixtures.agentId, hexId(16), [hexId(8), hexId(8), hexId(8), hexId(8), hexId(8)], t.clock.now().getTime()),
      scope: 'ingest',
      expect: { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
  ]);
});
