import { createAgent, createApiKey, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { gpt4oMiniCost, sendTraces, storedCalls, storedRuns, storedTools } from './otlp-conventions-kit';
import { hexId, SpanSpec, traceExport, Value } from './otlp-json.builder';

/** Vercel AI SDK built-in telemetry (AI SDK 6 capture) and OpenInference (openai instrumentation capture). */
describe('OTLP conventions: Vercel AI SDK ai.* spans and OpenInference', () => {
  let t: TestApp;
  let owner: TestUser;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createUser(t.client, t.sql);
    key = await createApiKey(t.client, owner, ['ingest']);
  });
  afterAll(async () => {
    await t.close();
  });

  /** ai.* usage attributes as AI SDK 6 writes them on both the root and its provider call. */
  function aiUsage(input: number, cacheRead: number, cacheWrite: number, output: number, reasoning: number): Record<string, Value> {
    return {
      'ai.usage.inputTokens': input,
      'ai.usage.inputTokenDetails.noCacheTokens': input - cacheRead - cacheWrite,
      'ai.usage.inputTokenDetails.cacheReadTokens': cacheRead,
      'ai.usage.inputTokenDetails.cacheWriteTokens': cacheWrite,
      'ai.usage.outputTokens': output,
      'ai.usage.outputTokenDetails.reasoningTokens': reasoning,
      'ai.usage.totalTokens': input + output,
      'ai.usage.reasoningTokens': reasoning,
      'ai.usage.cachedInputTokens': cacheRead,
    };
  }

  const model = { 'ai.model.provider': 'openai.responses', 'ai.model.id': 'gpt-4o-mini', 'ai.telemetry.metadata.sessionId': 'fw-session-0001' };

  function providerCall(name: string, spanId: string, parent: string, startMs: number, endMs: number, extra: Record<string, Value>): SpanSpec {
    return {
      name,
      spanId,
      parentSpanId: parent,
      startMs,
      endMs,
      attributes: { ...model, 'ai.operationId': name, 'gen_ai.system': 'openai.responses', 'gen_ai.request.model': 'gpt-4o-mini', ...extra },
    };
  }

  it('stores the AI SDK calls (.doGenerate/.doStream) once, with cache, reasoning and TTFT, tool calls, and a run per ai.generateText', async () => {
    const agent = await createAgent(t.client, owner);
    const now = t.clock.now().getTime();
    const [usageTrace, streamTrace, failTrace] = [hexId(16), hexId(16), hexId(16)];
    const [r1, c1, r2, c2, tool, r3, c3] = [hexId(8), hexId(8), hexId(8), hexId(8), hexId(8), hexId(8), hexId(8)];
    const answered = { 'ai.response.model': 'gpt-4o-mini-2024-07-18', 'gen_ai.response.model': 'gpt-4o-mini-2024-07-18' };
    const root = (name: string, spanId: string, startMs: number, endMs: number, extra: Record<string, Value>, traceId: string, error?: string): SpanSpec => ({
      name,
      spanId,
      traceId,
      startMs,
      endMs,
      error,
      attributes: { ...model, 'ai.operationId': name, 'ai.telemetry.functionId': `weather-agent.${name.slice(3)}`, ...extra },
    });
    const body = traceExport({ 'fleetwatch.agent.id': agent.id }, usageTrace, [
      root('ai.generateText', r1, now - 9000, now - 7000, aiUsage(1200, 1000, 150, 300, 120), usageTrace),
      {
        ...providerCall('ai.generateText.doGenerate', c1, r1, now - 8900, now - 7100, { ...aiUsage(1200, 1000, 150, 300, 120), ...answered }),
        traceId: usageTrace,
      },
      root('ai.streamText', r2, now - 6000, now - 5000, aiUsage(80, 0, 0, 12, 0), streamTrace),
      {
        ...providerCall('ai.streamText.doStream', c2, r2, now - 5900, now - 5100, {
          ...aiUsage(80, 0, 0, 12, 0),
          ...answered,
          'ai.response.msToFirstChunk': 73.5,
        }),
        traceId: streamTrace,
      },
      {
        name: 'ai.toolCall',
        spanId: tool,
        parentSpanId: r2,
        traceId: streamTrace,
        startMs: now - 5080,
        endMs: now - 5060,
        attributes: { 'ai.operationId': 'ai.toolCall', 'ai.toolCall.name': 'get_weather', 'ai.toolCall.id': 'call_1' },
      },
      { ...providerCall('ai.generateText.doGenerate', c3, r3, now - 4000, now - 3900, {}), traceId: failTrace, error: 'The mock upstream failed on purpose.' },
      root('ai.generateText', r3, now - 4100, now - 3800, {}, failTrace, 'The mock upstream failed on purpose.'),
    ]);
    expect(await sendTraces(t, body, 'json', { apiKey: key })).toEqual({ status: 200 });
    const calls = await storedCalls(t, agent.id);
    expect(
      calls.map((c) => [
        c.model,
        c.response_model,
        c.provider,
        c.input_tokens,
        c.cache_read_input_tokens,
        c.cache_creation_input_tokens,
        c.output_tokens,
        c.reasoning_output_tokens,
      ]),
    ).toEqual([
      ['gpt-4o-mini', 'gpt-4o-mini-2024-07-18', 'openai', 1200, 1000, 150, 300, 120],
      ['gpt-4o-mini', 'gpt-4o-mini-2024-07-18', 'openai', 80, 0, 0, 12, 0],
      ['gpt-4o-mini', null, 'openai', 0, 0, 0, 0, 0],
    ]);
    expect(calls.map((c) => [c.ttft_ms, c.status, c.error_type, c.cost_usd, c.run_id, c.conversation_id, c.span_id])).toEqual([
      [null, 'success', null, gpt4oMiniCost(1200, 1000, 300), usageTrace, 'fw-session-0001', c1],
      [73.5, 'success', null, gpt4oMiniCost(80, 0, 12), streamTrace, 'fw-session-0001', c2],
      [null, 'error', 'The mock upstream failed on purpose.', 0, failTrace, 'fw-session-0001', c3],
    ]);
    expect(await storedTools(t, agent.id)).toEqual([
      {
        tool: 'get_weather',
        duration_ms: 20,
        status: 'success',
        error_type: null,
        run_id: streamTrace,
        conversation_id: 'fw-session-0001',
        span_id: tool,
        parent_span_id: r2,
      },
    ]);
    expect(
      (await storedRuns(t, agent.id)).map((r) => [
        r.id,
        r.name,
        r.status,
        r.started_at,
        r.ended_at,
        r.span_id,
        r.llm_calls,
        r.tool_calls,
        r.input_tokens,
        r.cost_usd,
      ]),
    ).toEqual([
      [
        usageTrace,
        'weather-agent.generateText',
        'success',
        new Date(now - 9000).toISOString(),
        new Date(now - 7000).toISOString(),
        r1,
        1,
        0,
        1200,
        gpt4oMiniCost(1200, 1000, 300),
      ],
      [
        streamTrace,
        'weather-agent.streamText',
        'success',
        new Date(now - 6000).toISOString(),
        new Date(now - 5000).toISOString(),
        r2,
        1,
        1,
        80,
        gpt4oMiniCost(80, 0, 12),
      ],
      [failTrace, 'weather-agent.generateText', 'error', new Date(now - 4100).toISOString(), new Date(now - 3800).toISOString(), r3, 1, 0, 0, 0],
    ]);
  });

  it('names the same run when a trace arrives in two exports, the children before their root', async () => {
    const agent = await createAgent(t.client, owner);
    const now = t.clock.now().getTime();
    const [traceId, r, c] = [hexId(16), hexId(8), hexId(8)];
    const resource = { 'fleetwatch.agent.id': agent.id };
    const child = traceExport(resource, traceId, [providerCall('ai.generateText.doGenerate', c, r, now - 3000, now - 2000, aiUsage(10, 0, 0, 5, 0))]);
    expect(await sendTraces(t, child, 'protobuf', { apiKey: key })).toEqual({ status: 200 });
    // Only the call is known yet: it opens the run (running, from the call), no name or end.
    const opened = (await storedRuns(t, agent.id)).map((run) => [run.id, run.name, run.status, run.started_at, run.ended_at, run.llm_calls, run.input_tokens]);
    expect(opened).toEqual([[traceId, null, 'running', new Date(now - 2000).toISOString(), null, 1, 10]]);
    const rootOnly = traceExport(resource, traceId, [
      {
        name: 'ai.generateText',
        spanId: r,
        startMs: now - 3100,
        endMs: now - 1900,
        attributes: { ...model, 'ai.operationId': 'ai.generateText', ...aiUsage(10, 0, 0, 5, 0) },
      },
    ]);
    expect(await sendTraces(t, rootOnly, 'protobuf', { apiKey: key })).toEqual({ status: 200 });
    // The root completes it: name, status, start and end from the span; the call counted once.
    expect((await storedRuns(t, agent.id)).map((run) => [run.id, run.name, run.status, run.started_at, run.ended_at, run.llm_calls, run.input_tokens])).toEqual(
      [[traceId, 'ai.generateText', 'success', new Date(now - 3100).toISOString(), new Date(now - 1900).toISOString(), 1, 10]],
    );
    expect((await storedCalls(t, agent.id)).map((call) => [call.input_tokens, call.output_tokens, call.run_id])).toEqual([[10, 5, traceId]]);
  });

  it('stores OpenInference LLM spans with cache reads and reasoning, keeps only the leaf of nested LLM spans, and the TOOL span', async () => {
    const agent = await createAgent(t.client, owner);
    const now = t.clock.now().getTime();
    const [traceId, root, framework, provider, tool, streamed] = [hexId(16), hexId(8), hexId(8), hexId(8), hexId(8), hexId(8)];
    const session = { 'session.id': 'fw-session-0003' };
    const llm = (input: number, cacheRead: number, output: number, reasoning: number): Record<string, Value> => ({
      ...session,
      'openinference.span.kind': 'LLM',
      'llm.system': 'openai',
      'llm.model_name': 'gpt-4o-mini-2024-07-18',
      'llm.invocation_parameters': '{"model":"gpt-4o-mini"}',
      'llm.token_count.prompt': input,
      'llm.token_count.completion': output,
      'llm.token_count.total': input + output,
      'llm.token_count.prompt_details.cache_read': cacheRead,
      'llm.token_count.prompt_details.audio': 0,
      'llm.token_count.completion_details.reasoning': reasoning,
    });
    const body = traceExport({ 'fleetwatch.agent.id': agent.id }, traceId, [
      { name: 'weather-agent', spanId: root, startMs: now - 5000, endMs: now - 100, attributes: { ...session, 'openinference.span.kind': 'AGENT' } },
      // A framework's LLM span over the provider instrumentation's: the same call twice.
      { name: 'ChatOpenAI', spanId: framework, parentSpanId: root, startMs: now - 4900, endMs: now - 3000, attributes: llm(1200, 1000, 300, 120) },
      {
        name: 'OpenAI Chat Completions',
        spanId: provider,
        parentSpanId: framework,
        startMs: now - 4800,
        endMs: now - 3100,
        attributes: llm(1200, 1000, 300, 120),
      },
      {
        name: 'get_weather',
        spanId: tool,
        parentSpanId: root,
        startMs: now - 2900,
        endMs: now - 2890,
        attributes: { ...session, 'openinference.span.kind': 'TOOL', 'tool.name': 'get_weather' },
      },
      // Streamed: the instrumentation reports no token counts.
      {
        name: 'OpenAI Chat Completions',
        spanId: streamed,
        parentSpanId: root,
        startMs: now - 2000,
        endMs: now - 1000,
        attributes: {
          ...session,
          'openinference.span.kind': 'LLM',
          'llm.system': 'openai',
          'llm.model_name': 'gpt-4o-mini',
          'llm.invocation_parameters': '{"model":"gpt-4o-mini","stream":true}',
        },
      },
    ]);
    expect(await sendTraces(t, body, 'protobuf', { apiKey: key })).toEqual({ status: 200 });
    const calls = await storedCalls(t, agent.id);
    expect(
      calls.map((c) => [
        c.span_id,
        c.model,
        c.response_model,
        c.provider,
        c.input_tokens,
        c.cache_read_input_tokens,
        c.output_tokens,
        c.reasoning_output_tokens,
        c.cost_usd,
      ]),
    ).toEqual([
      [provider, 'gpt-4o-mini', 'gpt-4o-mini-2024-07-18', 'openai', 1200, 1000, 300, 120, gpt4oMiniCost(1200, 1000, 300)],
      [streamed, 'gpt-4o-mini', null, 'openai', 0, 0, 0, 0, 0],
    ]);
    expect(calls.map((c) => [c.run_id, c.conversation_id, c.parent_span_id])).toEqual([
      [traceId, 'fw-session-0003', framework],
      [traceId, 'fw-session-0003', root],
    ]);
    expect((await storedTools(t, agent.id)).map((c) => [c.tool, c.duration_ms, c.span_id])).toEqual([['get_weather', 10, tool]]);
    expect((await storedRuns(t, agent.id)).map((r) => [r.id, r.name, r.status, r.conversation_id, r.llm_calls, r.tool_calls, r.input_tokens])).toEqual([
      [traceId, 'weather-agent', 'success', 'fw-session-0003', 2, 1, 1200],
    ]);
  });
});
