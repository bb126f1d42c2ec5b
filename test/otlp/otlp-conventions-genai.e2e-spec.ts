import { createAgent, createApiKey, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { gpt4oMiniCost, sendTraces, storedCalls, storedRuns, storedTools } from './otlp-conventions-kit';
import { hexId, traceExport } from './otlp-json.builder';

/**
 * OpenTelemetry GenAI spans (current and deprecated names) and OpenLLMetry's, shaped as the
 * captures of @ai-sdk/otel and @traceloop/node-server-sdk show them, sent as OTLP JSON and protobuf.
 */
describe('OTLP conventions: OpenTelemetry GenAI and OpenLLMetry', () => {
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

  it.each(['json', 'protobuf'] as const)(
    'stores an @ai-sdk/otel agent run (%s): the chat call once with tokens by type, not the invoke_agent sum; the tool call; one run',
    async (format) => {
      const agent = await createAgent(t.client, owner);
      const now = t.clock.now().getTime();
      const [traceId, root, step, chat, tool] = [hexId(16), hexId(8), hexId(8), hexId(8), hexId(8)];
      const usage = {
        'gen_ai.usage.input_tokens': 1200,
        'gen_ai.usage.output_tokens': 300,
        'gen_ai.usage.cache_read.input_tokens': 1000,
        'gen_ai.usage.cache_creation.input_tokens': 150,
      };
      const conversation = { 'gen_ai.conversation.id': 'fw-session-0001' };
      const body = traceExport({ 'fleetwatch.agent.id': agent.id, 'service.name': 'weather' }, traceId, [
        {
          name: 'invoke_agent weather-agent',
          spanId: root,
          startMs: now - 5000,
          endMs: now - 1000,
          attributes: {
            ...conversation,
            ...usage,
            'gen_ai.operation.name': 'invoke_agent',
            'gen_ai.agent.name': 'weather-agent',
            'gen_ai.provider.name': 'openai',
          },
        },
        {
          name: 'step 1',
          spanId: step,
          parentSpanId: root,
          startMs: now - 4900,
          endMs: now - 1100,
          attributes: { ...conversation, 'gen_ai.operation.name': 'agent_step' },
        },
        {
          name: 'chat gpt-4o-mini',
          spanId: chat,
          parentSpanId: step,
          startMs: now - 4800,
          endMs: now - 3300,
          attributes: {
            ...conversation,
            ...usage,
            'gen_ai.usage.reasoning.output_tokens': 120,
            'gen_ai.operation.name': 'chat',
            'gen_ai.provider.name': 'openai',
            'gen_ai.request.model': 'gpt-4o-mini',
            'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
            'gen_ai.client.operation.time_to_first_chunk': 0.065,
          },
        },
        {
          name: 'execute_tool get_weather',
          spanId: tool,
          parentSpanId: step,
          startMs: now - 3200,
          endMs: now - 3150,
          attributes: { ...conversation, 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'get_weather', 'gen_ai.tool.call.id': 'call_1' },
        },
      ]);
      const answer = await sendTraces(t, body, format, { apiKey: key });
      expect(answer).toEqual({ status: 200 });
      expect(await storedCalls(t, agent.id)).toEqual([
        {
          model: 'gpt-4o-mini',
          response_model: 'gpt-4o-mini-2024-07-18',
          provider: 'openai',
          input_tokens: 1200,
          output_tokens: 300,
          cache_read_input_tokens: 1000,
          cache_creation_input_tokens: 150,
          reasoning_output_tokens: 120,
          audio_input_tokens: 0,
          audio_output_tokens: 0,
          image_input_tokens: 0,
          ttft_ms: 65,
          status: 'success',
          error_type: null,
          cost_usd: gpt4oMiniCost(1200, 1000, 300),
          rate_source: 'model',
          price_source: 'catalogue',
          run_id: traceId,
          conversation_id: 'fw-session-0001',
          span_id: chat,
          parent_span_id: step,
          ts: new Date(now - 3300).toISOString(),
        },
      ]);
      expect(await storedTools(t, agent.id)).toEqual([
        {
          tool: 'get_weather',
          duration_ms: 50,
          status: 'success',
          error_type: null,
          run_id: traceId,
          conversation_id: 'fw-session-0001',
          span_id: tool,
          parent_span_id: step,
        },
      ]);
      // The run counts the chat call once: the invoke_agent span's own usage sum is not added.
      expect(await storedRuns(t, agent.id)).toEqual([
        {
          id: traceId,
          name: 'weather-agent',
          status: 'success',
          conversation_id: 'fw-session-0001',
          started_at: new Date(now - 5000).toISOString(),
          ended_at: new Date(now - 1000).toISOString(),
          trace_id: traceId,
          span_id: root,
          llm_calls: 1,
          tool_calls: 1,
          errors: 0,
          input_tokens: 1200,
          output_tokens: 300,
          cache_read_input_tokens: 1000,
          reasoning_output_tokens: 120,
          cost_usd: gpt4oMiniCost(1200, 1000, 300),
          metadata: { source: 'otlp', conventions: ['genai'] },
        },
      ]);
    },
  );

  it('reads the deprecated names, marks errors from error.type and the status message, and prices a dated snapshot', async () => {
    const agent = await createAgent(t.client, owner);
    const now = t.clock.now().getTime();
    const traceId = hexId(16);
    const [a, b] = [hexId(8), hexId(8)];
    const body = traceExport({ 'fleetwatch.agent.id': agent.id }, traceId, [
      {
        name: 'text_completion',
        spanId: a,
        startMs: now - 3000,
        endMs: now - 2000,
        error: 'quota exceeded',
        attributes: {
          'gen_ai.operation.name': 'text_completion',
          'gen_ai.system': 'openai',
          'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
          'gen_ai.usage.prompt_tokens': 100,
          'gen_ai.usage.completion_tokens': 20,
          'gen_ai.usage.cache_read_input_tokens': 40,
        },
      },
      {
        name: 'embeddings',
        spanId: b,
        startMs: now - 1500,
        endMs: now - 1000,
        error: 'ignored: error.type wins',
        attributes: {
          'gen_ai.operation.name': 'embeddings',
          'gen_ai.request.model': 'text-embedding-3-small',
          'gen_ai.usage.input_tokens': 8,
          'error.type': 'timeout',
        },
      },
    ]);
    expect(await sendTraces(t, body, 'json', { apiKey: key })).toEqual({ status: 200 });
    const calls = await storedCalls(t, agent.id);
    expect(
      calls.map((c) => [c.model, c.response_model, c.provider, c.input_tokens, c.output_tokens, c.cache_read_input_tokens, c.status, c.error_type]),
    ).toEqual([
      ['gpt-4o-mini-2024-07-18', null, 'openai', 100, 20, 40, 'error', 'quota exceeded'],
      ['text-embedding-3-small', null, null, 8, 0, 0, 'error', 'timeout'],
    ]);
    expect(calls[0].cost_usd).toBe(gpt4oMiniCost(100, 40, 20));
    expect(calls.map((c) => c.run_id)).toEqual([traceId, traceId]);
    // No agent or workflow span: the trace is the run, named and timed by its root span.
    expect((await storedRuns(t, agent.id)).map((r) => [r.id, r.name, r.status, r.started_at, r.ended_at, r.llm_calls, r.errors])).toEqual([
      [traceId, 'text_completion', 'error', new Date(now - 3000).toISOString(), new Date(now - 2000).toISOString(), 2, 2],
    ]);
  });

  it('stores an OpenLLMetry agent (traceloop agent span, gen_ai chat spans, a .tool span, a legacy llm.* span) once per call', async () => {
    const agent = await createAgent(t.client, owner);
    const now = t.clock.now().getTime();
    const [traceId, root, chat, tool, legacy] = [hexId(16), hexId(8), hexId(8), hexId(8), hexId(8)];
    const session = { 'traceloop.association.properties.session_id': 'fw-session-0002', 'traceloop.workflow.name': 'weather-agent' };
    const body = traceExport({ 'fleetwatch.agent.id': agent.id }, traceId, [
      {
        name: 'weather-agent.agent',
        spanId: root,
        startMs: now - 4000,
        endMs: now - 500,
        attributes: { ...session, 'traceloop.span.kind': 'agent', 'traceloop.entity.name': 'weather-agent' },
      },
      {
        name: 'chat gpt-4o-mini',
        spanId: chat,
        parentSpanId: root,
        startMs: now - 3900,
        endMs: now - 3000,
        attributes: {
          ...session,
          'gen_ai.operation.name': 'chat',
          'gen_ai.provider.name': 'openai',
          'gen_ai.request.model': 'gpt-4o-mini',
          'gen_ai.response.model': 'gpt-4o-mini-2024-07-18',
          'gen_ai.usage.input_tokens': 400,
          'gen_ai.usage.output_tokens': 25,
          'gen_ai.usage.total_tokens': 425,
        },
      },
      {
        name: 'get_weather.tool',
        spanId: tool,
        parentSpanId: root,
        startMs: now - 2900,
        endMs: now - 2800,
        attributes: { ...session, 'traceloop.span.kind': 'tool', 'traceloop.entity.name': 'get_weather' },
      },
      {
        name: 'openai.chat',
        spanId: legacy,
        parentSpanId: root,
        startMs: now - 2500,
        endMs: now - 1000,
        attributes: {
          ...session,
          'llm.request.type': 'chat',
          'llm.vendor': 'openai',
          'llm.request.model': 'gpt-4o-mini',
          'llm.usage.prompt_tokens': 450,
          'llm.usage.completion_tokens': 40,
        },
      },
    ]);
    expect(await sendTraces(t, body, 'protobuf', { apiKey: key })).toEqual({ status: 200 });
    const calls = await storedCalls(t, agent.id);
    expect(calls.map((c) => [c.model, c.response_model, c.provider, c.input_tokens, c.output_tokens, c.cost_usd, c.conversation_id, c.parent_span_id])).toEqual(
      [
        ['gpt-4o-mini', 'gpt-4o-mini-2024-07-18', 'openai', 400, 25, gpt4oMiniCost(400, 0, 25), 'fw-session-0002', root],
        ['gpt-4o-mini', null, 'openai', 450, 40, gpt4oMiniCost(450, 0, 40), 'fw-session-0002', root],
      ],
    );
    expect((await storedTools(t, agent.id)).map((c) => [c.tool, c.duration_ms, c.run_id])).toEqual([['get_weather', 100, traceId]]);
    expect(
      (await storedRuns(t, agent.id)).map((r) => [r.id, r.name, r.status, r.conversation_id, r.span_id, r.llm_calls, r.tool_calls, r.input_tokens]),
    ).toEqual([[traceId, 'weather-agent', 'success', 'fw-session-0002', root, 2, 1, 850]]);
  });
});
