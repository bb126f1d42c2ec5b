/**
 * Spans of a convention Fleetwatch does not know are never dropped silently: the OTLP answer warns
 * (partialSuccess with rejectedSpans 0 and a message naming them), and the owner sees their names
 * and attribute keys in GET /api/otlp/recent-unmapped. Sent with the OpenTelemetry SDK of the main
 * project, through the real OTLP exporter and as raw requests whose answers the test decodes.
 */
import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { createAgent, createApiKey, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { binaryParser, exportSpans, jsonText, listen, makeSpans, SpanSpec, traceExporter } from '../otlp/otlp-test-kit';

const UNKNOWN_LLM = 'acme.llm.complete';
const UNKNOWN_RETRIEVAL = 'acme.retrieve';

describe('unmapped spans → warning and recent-unmapped', () => {
  let t: TestApp;
  let base: string;
  let owner: TestUser;
  let agent: TestAgent;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    owner = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner);
    key = await createApiKey(t.client, owner, ['ingest']);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Two spans of an unknown vendor convention next to one GenAI chat span. */
  function batch(): ReturnType<typeof makeSpans> {
    const now = t.clock.now().getTime();
    const specs: SpanSpec[] = [
      { name: UNKNOWN_LLM, startMs: now - 3000, endMs: now - 2500, attributes: { 'acme.model': 'acme-1', 'acme.tokens.prompt': 10 } },
      { name: UNKNOWN_RETRIEVAL, startMs: now - 2400, endMs: now - 2300, attributes: { 'acme.index': 'docs' } },
      {
        name: 'chat gpt-4o-mini',
        startMs: now - 2000,
        endMs: now - 1000,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.usage.input_tokens': 10,
          'gen_ai.usage.output_tokens': 5,
        },
      },
    ];
    return makeSpans({ 'fleetwatch.agent.id': agent.id }, specs);
  }

  async function storedChats(): Promise<number> {
    const { rows } = await t.sql.query(`select count(*)::int as n from llm_calls where agent_id = $1`, [agent.id]);
    return rows[0].n as number;
  }

  function expectWarning(partial: { rejectedSpans?: unknown; errorMessage?: unknown } | undefined): void {
    expect(partial).toBeDefined();
    // Nothing was refused: the unknown spans are accepted and counted, only reported.
    expect(Number(partial?.rejectedSpans ?? 0)).toBe(0);
    const message = typeof partial?.errorMessage === 'string' ? partial.errorMessage : '';
    expect(message).toMatch(/\b2\b/);
    expect(message).toContain(UNKNOWN_LLM);
    expect(message).toContain(UNKNOWN_RETRIEVAL);
    expect(message).not.toContain('chat gpt-4o-mini');
  }

  it('answers OTLP/JSON with a zero-rejection warning naming the unrecognised spans, and stores the GenAI span', async () => {
    const res = await t.client
      .post('/api/otlp/v1/traces', { apiKey: key })
      .set('Content-Type', 'application/json')
      .send(jsonText(JsonTraceSerializer.serializeRequest(batch())));
    expect(res.status).toBe(200);
    expectWarning((res.body as { partialSuccess?: { rejectedSpans?: unknown; errorMessage?: unknown } }).partialSuccess);
    expect(await storedChats()).toBe(1);
  });

  it('answers OTLP/protobuf with the same warning', async () => {
    const res = await t.client
      .post('/api/otlp/v1/traces', { apiKey: key })
      .set('Content-Type', 'application/x-protobuf')
      .buffer(true)
      .parse(binaryParser)
      .send(Buffer.from(ProtobufTraceSerializer.serializeRequest(batch())!));
    expect(res.status).toBe(200);
    expectWarning(ProtobufTraceSerializer.deserializeResponse(new Uint8Array(res.body as Buffer)).partialSuccess);
    expect(await storedChats()).toBe(2);
  });

  it('lets the real exporter succeed: a warning is not a failure to retry', async () => {
    const exporter = traceExporter(base, 'protobuf', { Authorization: `Bearer ${key}` });
    const result = await exportSpans(exporter, batch());
    await exporter.shutdown();
    expect({ code: result.code, error: result.error }).toEqual({ code: 0, error: undefined });
    expect(await storedChats()).toBe(3);
  });

  it('shows the owner which span names and attribute keys arrived without a mapping', async () => {
    const res = await t.client.get('/api/otlp/recent-unmapped', owner.auth);
    expect(res.status).toBe(200);
    const list = (Array.isArray(res.body) ? res.body : (res.body as { spans: unknown[] }).spans) as Array<Record<string, unknown>>;
    const byName = Object.fromEntries(list.map((u) => [String(u.spanName ?? u.name), u]));
    expect(Object.keys(byName).sort()).toEqual([UNKNOWN_LLM, UNKNOWN_RETRIEVAL]);
    // Three exports of each span so far.
    expect(Number(byName[UNKNOWN_LLM].count)).toBe(3);
    expect(Number(byName[UNKNOWN_RETRIEVAL].count)).toBe(3);
    expect(byName[UNKNOWN_LLM].attributeKeys).toEqual(['acme.model', 'acme.tokens.prompt']);
    expect(byName[UNKNOWN_RETRIEVAL].attributeKeys).toEqual(['acme.index']);
  });

  it('shows another user none of them', async () => {
    const other = await createUser(t.client, t.sql);
    const res = await t.client.get('/api/otlp/recent-unmapped', other.auth);
    expect(res.status).toBe(200);
    const list = Array.isArray(res.body) ? res.body : (res.body as { spans: unknown[] }).spans;
    expect(list).toEqual([]);
  });
});
