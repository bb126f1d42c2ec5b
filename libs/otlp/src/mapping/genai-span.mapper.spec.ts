import { OtlpResourceSpans, OtlpSpan } from '../codec/otlp-model';
import { mapGenAiSpans } from './genai-span.mapper';

const AGENT = '0190b5a0-0000-7000-8000-000000000001';
const OTHER = '0190b5a0-0000-7000-8000-000000000002';
const START = 1_763_800_000_000_000_000n;

function span(attributes: OtlpSpan['attributes'], overrides: Partial<OtlpSpan> = {}): OtlpSpan {
  return { traceId: 'ab'.repeat(16), name: 'chat gpt-4o', startNs: START, endNs: START + 1_234_500_000n, statusCode: 0, attributes, ...overrides };
}

function map(spans: OtlpSpan[], resource: OtlpResourceSpans['resource'] = { 'fleetwatch.agent.id': AGENT }) {
  return mapGenAiSpans([{ resource, spans }]);
}

describe('mapGenAiSpans', () => {
  it('maps a chat span with current attribute names to an LLM call', () => {
    const out = map([
      span({
        'gen_ai.operation.name': 'chat',
        'gen_ai.request.model': 'gpt-4o',
        'gen_ai.response.model': 'gpt-4o-2024-08-06',
        'gen_ai.provider.name': 'openai',
        'gen_ai.usage.input_tokens': 120,
        'gen_ai.usage.output_tokens': 30,
      }),
    ]);
    const end = new Date(Number((START + 1_234_500_000n) / 1_000_000n)).toISOString();
    expect(out).toEqual({
      llmCalls: [
        {
          agentId: AGENT,
          model: 'gpt-4o',
          responseModel: 'gpt-4o-2024-08-06',
          provider: 'openai',
          inputTokens: 120,
          outputTokens: 30,
          latencyMs: 1234.5,
          status: 'success',
          traceId: 'ab'.repeat(16),
          runId: 'ab'.repeat(16),
          timestamp: end,
        },
      ],
      toolCalls: [],
      runs: [
        {
          item: {
            id: 'ab'.repeat(16),
            agentId: AGENT,
            conversationId: null,
            name: 'chat gpt-4o',
            status: 'success',
            startedAt: new Date(Number(START / 1_000_000n)).toISOString(),
            endedAt: end,
            metadata: { source: 'otlp', conventions: ['genai'] },
            traceId: 'ab'.repeat(16),
            spanId: null,
          },
          points: 0,
        },
      ],
      structural: 0,
      unmapped: [],
    });
  });

  it('reads the deprecated names (gen_ai.system, prompt/completion tokens) and the response model', () => {
    const [call] = map([
      span({
        'gen_ai.operation.name': 'text_completion',
        'gen_ai.response.model': 'claude-x',
        'gen_ai.system': 'anthropic',
        'gen_ai.usage.prompt_tokens': 7,
        'gen_ai.usage.completion_tokens': '9',
      }),
    ]).llmCalls;
    expect(call).toMatchObject({ model: 'claude-x', provider: 'anthropic', inputTokens: 7, outputTokens: 9 });
  });

  it('marks errors from the span status or error.type', () => {
    const out = map([
      span({ 'gen_ai.operation.name': 'embeddings', 'gen_ai.request.model': 'e' }, { statusCode: 2, statusMessage: 'rate limited' }),
      span({ 'gen_ai.operation.name': 'generate_content', 'gen_ai.request.model': 'g', 'error.type': 'timeout' }),
    ]);
    expect(out.llmCalls.map((c) => [c.status, c.errorType])).toEqual([
      ['error', 'rate limited'],
      ['error', 'timeout'],
    ]);
    expect(out.llmCalls[0]).toMatchObject({ inputTokens: 0, outputTokens: 0 });
  });

  it('maps execute_tool spans to tool calls, invoke_agent to the run, and lists unrecognised spans', () => {
    const out = map([
      span({ 'gen_ai.operation.name': 'execute_tool', 'gen_ai.tool.name': 'search' }, { endNs: START + 40_000_000n }),
      span({ 'gen_ai.operation.name': 'execute_tool' }, { name: 'execute_tool fetch_page' }),
      span({ 'gen_ai.operation.name': 'invoke_agent' }),
      span({ 'http.method': 'GET' }),
    ]);
    expect(out.toolCalls.map((c) => [c.tool, c.durationMs, c.status])).toEqual([
      ['search', 40, 'success'],
      ['fetch_page', 1234.5, 'success'],
    ]);
    expect(out.structural).toBe(0);
    expect(out.runs.map((r) => [r.item.id, r.item.name, r.points])).toEqual([['ab'.repeat(16), 'chat gpt-4o', 1]]);
    expect(out.unmapped).toEqual([{ name: 'chat gpt-4o', attributeKeys: ['http.method'] }]);
  });

  it('takes the agent from fleetwatch.agent.id (span, then resource) before gen_ai.agent.id', () => {
    const chat = { 'gen_ai.operation.name': 'chat', 'gen_ai.request.model': 'm' };
    const out = map([span({ ...chat, 'fleetwatch.agent.id': OTHER }), span({ ...chat, 'gen_ai.agent.id': OTHER }), span(chat)], {
      'fleetwatch.agent.id': AGENT,
      'gen_ai.agent.id': 'framework-id',
    });
    expect(out.llmCalls.map((c) => c.agentId)).toEqual([OTHER, AGENT, AGENT]);
    expect(map([span({ ...chat, 'gen_ai.agent.id': OTHER })], {}).llmCalls[0].agentId).toBe(OTHER);
    expect(map([span(chat)], {}).llmCalls[0].agentId).toBe('');
  });
});
