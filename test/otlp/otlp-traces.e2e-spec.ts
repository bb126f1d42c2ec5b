import { JsonTraceSerializer, ProtobufTraceSerializer } from '@opentelemetry/otlp-transformer';
import { randomUUID } from 'node:crypto';
import { createAgent, createApiKey, createUser, insertModelPrices, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { binaryParser, Encoding, jsonText, exportSpans, listen, makeSpans, traceExporter } from './otlp-test-kit';

const PRICED_MODEL = 'otel-test-model';
const INPUT_PER_1M = 3;
const OUTPUT_PER_1M = 15;
const NO_AGENT = 'no agent: set the resource attribute fleetwatch.agent.id (or gen_ai.agent.id) to a Fleetwatch agent id';

describe('OTLP traces from the OpenTelemetry JS SDK', () => {
  let t: TestApp;
  let base: string;
  let owner: TestUser;
  let key: string;
  let fallbackPer1k: number;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    owner = await createUser(t.client, t.sql);
    key = await createApiKey(t.client, owner, ['ingest']);
    fallbackPer1k = t.config.telemetry.costFallbackPer1k;
    await insertModelPrices(t.sql, [
      {
        id: randomUUID(),
        model: PRICED_MODEL,
        provider: 'openai',
        inputPer1m: INPUT_PER_1M,
        outputPer1m: OUTPUT_PER_1M,
        effectiveFrom: '2020-01-01T00:00:00Z',
      },
    ]);
  });
  afterAll(async () => {
    await t.close();
  });

  const cases: [Encoding, boolean][] = [
    ['protobuf', false],
    ['json', false],
    ['protobuf', true],
    ['json', true],
  ];

  it.each(cases)('stores GenAI spans exported as %s (gzip: %s) as LLM and tool calls with cost', async (encoding, gzip) => {
    const agent = await createAgent(t.client, owner);
    const now = t.clock.now().getTime();
    const spans = makeSpans({ 'fleetwatch.agent.id': agent.id, 'service.name': 'support-bot' }, [
      {
        name: `chat ${PRICED_MODEL}`,
        startMs: now - 10_000,
        endMs: now - 8_500,
        attributes: {
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': PRICED_MODEL,
          'gen_ai.usage.input_tokens': 1200,
          'gen_ai.usage.output_tokens': 300,
        },
      },
      {
        name: 'text_completion legacy',
        startMs: now - 8_000,
        endMs: now - 7_750,
        error: 'rate limited',
        attributes: {
          'gen_ai.operation.name': 'text_completion',
          'gen_ai.system': 'anthropic',
          'gen_ai.response.model': 'unpriced-model-x',
          'gen_ai.usage.prompt_tokens': 100,
          'gen_ai.usage.completion_tokens': 50,
        },
      },
      {
        name: 'execute_tool web_search',
        startMs: now - 7_000,
        endMs: now - 6_960,
        attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'web_search', 'error.type': 'timeout' },
      },
      { name: 'GET /orders', startMs: now - 6_000, endMs: now - 5_990, attributes: { 'http.request.method': 'GET' } },
    ]);
    const exporter = traceExporter(base, encoding, { Authorization: `Bearer ${key}` }, gzip);
    const result = await exportSpans(exporter, spans);
    await exporter.shutdown();
    expect(result.error).toBeUndefined();
    expect(result.code).toBe(0);

    const llm = await t.sql.query(
      `select model, provider, input_tokens, output_tokens, latency_ms, status, error_type, cost_usd, rate_source, trace_id, ts
       from llm_calls where agent_id = $1 order by ts`,
      [agent.id],
    );
    expect(llm.rows.map((r) => ({ ...r, cost_usd: Number(r.cost_usd), ts: r.ts.toISOString() }))).toEqual([
      {
        model: PRICED_MODEL,
        provider: 'openai',
        input_tokens: 1200,
        output_tokens: 300,
        latency_ms: 1500,
        status: 'success',
        error_type: null,
        cost_usd: (1200 * INPUT_PER_1M + 300 * OUTPUT_PER_1M) / 1_000_000,
        rate_source: 'model',
        trace_id: spans[0].spanContext().traceId,
        ts: new Date(now - 8_500).toISOString(),
      },
      {
        model: 'unpriced-model-x',
        provider: 'anthropic',
        input_tokens: 100,
        output_tokens: 50,
        latency_ms: 250,
        status: 'error',
        error_type: 'rate limited',
        cost_usd: (fallbackPer1k * 150) / 1000,
        rate_source: 'fallback',
        trace_id: spans[1].spanContext().traceId,
        ts: new Date(now - 7_750).toISOString(),
      },
    ]);
    const tools = await t.sql.query(`select tool, duration_ms, status, error_type, trace_id, ts from tool_calls where agent_id = $1`, [agent.id]);
    expect(tools.rows.map((r) => ({ ...r, ts: r.ts.toISOString() }))).toEqual([
      {
        tool: 'web_search',
        duration_ms: 40,
        status: 'error',
        error_type: 'timeout',
        trace_id: spans[2].spanContext().traceId,
        ts: new Date(now - 6_960).toISOString(),
      },
    ]);
    const seen = await t.sql.query(`select last_seen_at from agents where id = $1`, [agent.id]);
    expect(seen.rows[0].last_seen_at.toISOString()).toBe(t.clock.now().toISOString());
  });

  describe('partial success', () => {
    let mine: string;
    let foreign: string;
    let spans: ReturnType<typeof makeSpans>;
    let now: number;

    beforeAll(async () => {
      mine = (await createAgent(t.client, owner)).id;
      const other = await createUser(t.client, t.sql);
      foreign = (await createAgent(t.client, other)).id;
      now = t.clock.now().getTime();
      const chat = (model: string, endMs: number) => ({
        name: 'chat',
        startMs: endMs - 100,
        endMs,
        attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': model, 'gen_ai.usage.input_tokens': 10, 'gen_ai.usage.output_tokens': 5 },
      });
      spans = [
        // Foreign resource, but one span names the caller's agent itself: that one is kept.
        ...makeSpans({ 'fleetwatch.agent.id': foreign }, [
          chat('foreign-1', now - 3000),
          { name: 'execute_tool x', startMs: now - 2100, endMs: now - 2000, attributes: { 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'x' } },
          {
            ...chat('mine-by-span', now - 1000),
            attributes: { ...chat('x', 0).attributes, 'gen_ai.request.model': 'mine-by-span', 'fleetwatch.agent.id': mine },
          },
        ]),
        ...makeSpans({}, [chat('nobody', now - 500)]),
        ...makeSpans({ 'fleetwatch.agent.id': randomUUID() }, [chat('ghost', now - 400)]),
        ...makeSpans({ 'fleetwatch.agent.id': mine }, [chat('too-old', now - 40 * 86_400_000)]),
      ];
    });

    function expectedMessage(): string {
      return [
        `1 span: ${NO_AGENT}`,
        `2 spans: agent ${foreign} is unknown or not yours`,
        `1 span: agent ${spans[4].resource.attributes['fleetwatch.agent.id'] as string} is unknown or not yours`,
        `1 span: timestamp is older than the raw retention of ${t.config.telemetry.rawRetentionDays} days`,
      ].join('; ');
    }

    async function storedModels(): Promise<Record<string, string[]>> {
      const rows = await t.sql.query(`select agent_id, model from llm_calls where agent_id = any($1::uuid[]) order by model`, [[mine, foreign]]);
      const tools = await t.sql.query(`select count(*)::int as n from tool_calls where agent_id = $1`, [foreign]);
      expect(tools.rows[0].n).toBe(0);
      const out: Record<string, string[]> = {};
      for (const r of rows.rows) (out[r.agent_id] ??= []).push(r.model);
      return out;
    }

    it('answers protobuf with a protobuf ExportTraceServiceResponse naming the refused spans', async () => {
      const response = await t.client
        .post('/api/otlp/v1/traces', { apiKey: key })
        .set('Content-Type', 'application/x-protobuf')
        .buffer(true)
        .parse(binaryParser)
        .send(Buffer.from(ProtobufTraceSerializer.serializeRequest(spans)!));
      expect(response.status).toBe(200);
      expect(response.headers['content-type']).toBe('application/x-protobuf');
      const decoded = ProtobufTraceSerializer.deserializeResponse(new Uint8Array(response.body as Buffer));
      expect({ rejectedSpans: Number(decoded.partialSuccess?.rejectedSpans), errorMessage: decoded.partialSuccess?.errorMessage }).toEqual({
        rejectedSpans: 5,
        errorMessage: expectedMessage(),
      });
      expect(await storedModels()).toEqual({ [mine]: ['mine-by-span'] });
    });

    it('answers JSON with OTLP JSON (int64 as a string), through X-API-Key', async () => {
      const response = await t.client
        .post('/api/otlp/v1/traces', { apiKey: key, header: 'x-api-key' })
        .set('Content-Type', 'application/json')
        .send(jsonText(JsonTraceSerializer.serializeRequest(spans)));
      expect(response.status).toBe(200);
      expect(response.body).toEqual({ partialSuccess: { rejectedSpans: '5', errorMessage: expectedMessage() } });
      expect(await storedModels()).toEqual({ [mine]: ['mine-by-span', 'mine-by-span'] });
    });

    it('lets the real exporter succeed while the foreign spans stay out', async () => {
      const exporter = traceExporter(base, 'protobuf', { Authorization: `Bearer ${key}` });
      const result = await exportSpans(exporter, spans);
      await exporter.shutdown();
      expect(result.code).toBe(0);
      expect(await storedModels()).toEqual({ [mine]: ['mine-by-span', 'mine-by-span', 'mine-by-span'] });
    });

    it('answers an export with nothing refused with an empty message', async () => {
      // A recognised span: an unrecognised one now earns the not-recognised warning (otlp-conventions spec).
      const ok = makeSpans({ 'fleetwatch.agent.id': mine }, [
        { name: 'chat', startMs: now - 10, endMs: now, attributes: { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'x' } },
      ]);
      const proto = await t.client
        .post('/api/otlp/v1/traces', { apiKey: key })
        .set('Content-Type', 'application/x-protobuf')
        .buffer(true)
        .parse(binaryParser)
        .send(Buffer.from(ProtobufTraceSerializer.serializeRequest(ok)!));
      expect(proto.status).toBe(200);
      expect((proto.body as Buffer).length).toBe(0);
      const json = await t.client
        .post('/api/otlp/v1/traces', { apiKey: key })
        .set('Content-Type', 'application/json')
        .send(jsonText(JsonTraceSerializer.serializeRequest(ok)));
      expect(json.status).toBe(200);
      expect(json.body).toEqual({});
    });
  });
});
