import type { OtlpSpan } from '../codec/otlp-model';
import { langfuseUsage } from './langfuse.convention';
import { classifySpan } from './span-conventions.registry';
import { mapGenAiSpans } from './genai-span.mapper';

const START = 1_763_800_000_000_000_000n;
const span = (name: string, attributes: OtlpSpan['attributes'], extra: Partial<OtlpSpan> = {}): OtlpSpan => ({
  traceId: 'cd'.repeat(16),
  name,
  startNs: START,
  endNs: START + 1_000_000_000n,
  statusCode: 0,
  attributes,
  ...extra,
});

describe('span conventions', () => {
  it.each([
    ['GenAI create_agent', span('create_agent a', { 'gen_ai.operation.name': 'create_agent' }), 'genai', 'structure'],
    ['GenAI invoke_workflow', span('invoke_workflow w', { 'gen_ai.operation.name': 'invoke_workflow' }), 'genai', 'run'],
    ['GenAI unknown operation', span('x', { 'gen_ai.operation.name': 'teleport' }), undefined, undefined],
    ['Vercel ai.embedMany.doEmbed', span('ai.embedMany.doEmbed', { 'ai.operationId': 'ai.embedMany.doEmbed' }), 'vercel-ai', 'llm'],
    ['Vercel unknown ai.* operation', span('ai.somethingNew', { 'ai.operationId': 'ai.somethingNew' }), undefined, undefined],
    ['OpenInference CHAIN', span('RunnableSequence', { 'openinference.span.kind': 'CHAIN' }), 'openinference', 'run'],
    ['OpenInference RETRIEVER', span('retrieve', { 'openinference.span.kind': 'RETRIEVER' }), 'openinference', 'structure'],
    ['Traceloop task', span('step.task', { 'traceloop.span.kind': 'task' }), 'traceloop', 'structure'],
    ['Traceloop workflow', span('flow.workflow', { 'traceloop.span.kind': 'workflow', 'traceloop.entity.name': 'flow' }), 'traceloop', 'run'],
    ['Langfuse span', span('work', { 'langfuse.observation.type': 'span' }), 'langfuse', 'structure'],
    [
      'Langfuse event wins over gen_ai.* beside it',
      span('e', { 'langfuse.observation.type': 'event', 'gen_ai.operation.name': 'chat' }),
      'langfuse',
      'structure',
    ],
  ])('%s', (_, input, convention, role) => {
    const facts = classifySpan(input);
    expect([facts?.convention, facts?.role]).toEqual([convention, role]);
  });

  it('adds cache tokens to an input total that cannot have included them (provider-raw Anthropic numbers), and reasoning likewise', () => {
    const facts = classifySpan(
      span('chat', {
        'gen_ai.operation.name': 'chat',
        'gen_ai.usage.input_tokens': 10,
        'gen_ai.usage.cache_read.input_tokens': 500,
        'gen_ai.usage.cache_creation.input_tokens': 40,
        'gen_ai.usage.output_tokens': 5,
        'gen_ai.usage.reasoning.output_tokens': 30,
      }),
    );
    expect(facts?.usage).toEqual({ inputTokens: 550, outputTokens: 35, cacheReadInputTokens: 500, cacheCreationInputTokens: 40, reasoningOutputTokens: 30 });
  });

  it('turns Langfuse usage_details (input without its details) into GenAI totals', () => {
    expect(
      langfuseUsage({ input: 100, cache_read_input_tokens: 900, cache_creation_input_tokens: 50, output: 20, output_reasoning_tokens: 10, total: 1080 }),
    ).toEqual({
      inputTokens: 1050,
      outputTokens: 30,
      cacheReadInputTokens: 900,
      cacheCreationInputTokens: 50,
      reasoningOutputTokens: 10,
    });
    expect(langfuseUsage({ input: 7, input_audio_tokens: 3, output: 2, output_audio_tokens: 4 })).toEqual({
      inputTokens: 10,
      outputTokens: 6,
      audioInputTokens: 3,
      audioOutputTokens: 4,
    });
  });

  it('keeps only the outermost run span as the run and marks a failed Langfuse level on the call', () => {
    const out = mapGenAiSpans([
      {
        resource: { 'fleetwatch.agent.id': 'a' },
        spans: [
          span('outer', { 'openinference.span.kind': 'AGENT' }, { spanId: '01'.repeat(8) }),
          span('inner', { 'openinference.span.kind': 'AGENT' }, { spanId: '02'.repeat(8), parentSpanId: '01'.repeat(8) }),
          span(
            'gen',
            { 'langfuse.observation.type': 'generation', 'langfuse.observation.level': 'ERROR' },
            { spanId: '03'.repeat(8), parentSpanId: '02'.repeat(8) },
          ),
        ],
      },
    ]);
    expect(out.runs.map((r) => [r.item.name, r.item.spanId, r.item.status])).toEqual([['outer', '01'.repeat(8), 'success']]);
    expect(out.llmCalls.map((c) => [c.status, c.errorType, c.parentSpanId])).toEqual([['error', 'error', '02'.repeat(8)]]);
    expect(out.structural).toBe(1);
  });

  it('takes a span whose parent is remote as the local root: the run is complete without the foreign root', () => {
    const out = mapGenAiSpans([
      {
        resource: { 'fleetwatch.agent.id': 'a' },
        spans: [
          span('POST /agent', { 'gen_ai.operation.name': 'chat' }, { spanId: '04'.repeat(8), parentSpanId: '09'.repeat(8), parentIsRemote: true }),
          span('chat', { 'gen_ai.operation.name': 'chat' }, { spanId: '05'.repeat(8), parentSpanId: '09'.repeat(8) }),
        ],
      },
    ]);
    expect(out.runs.map((r) => [r.item.name, r.item.status, r.item.spanId])).toEqual([['POST /agent', 'success', '04'.repeat(8)]]);
    const inner = mapGenAiSpans([
      { resource: {}, spans: [span('chat', { 'gen_ai.operation.name': 'chat' }, { spanId: '05'.repeat(8), parentSpanId: '09'.repeat(8) })] },
    ]);
    expect(inner.runs).toEqual([]);
  });
});
