import { buildBatch, Candidate, Rejections } from './otlp-batch.builder';

const AGENT = '0190b5a0-0000-7000-8000-000000000001';
const NOW = new Date('2026-11-22T12:00:00.000Z');
const LIMITS = { now: NOW, maxItems: 100, rawRetentionDays: 30, futureToleranceSeconds: 300 };

describe('buildBatch', () => {
  it('keeps valid items normalised as /api/ingest does and refuses the others one by one', () => {
    const call = (timestamp: string, inputTokens = 1): Candidate => ({
      kind: 'llmCalls',
      item: { agentId: AGENT.toUpperCase(), model: 'm', inputTokens, outputTokens: 2, latencyMs: 3, status: 'success', timestamp },
      points: 1,
    });
    const rejections = new Rejections();
    const { batch, kept } = buildBatch(
      [
        call('2026-11-22T11:59:00.000Z'),
        call('2026-11-22T12:10:00.000Z'),
        call('2026-11-22T11:00:00.000Z', 2 ** 31),
        { kind: 'samples', item: { agentId: AGENT, type: 'cpu', value: 140, timestamp: '2026-11-22T11:59:00.000Z' }, points: 3 },
      ],
      LIMITS,
      rejections,
    );
    expect(kept).toHaveLength(1);
    expect(batch.llmCalls).toEqual([
      {
        agentId: AGENT,
        model: 'm',
        responseModel: null,
        provider: null,
        inputTokens: 1,
        outputTokens: 2,
        cacheReadInputTokens: 0,
        cacheCreationInputTokens: 0,
        cacheCreation5mInputTokens: 0,
        cacheCreation1hInputTokens: 0,
        reasoningOutputTokens: 0,
        audioInputTokens: 0,
        audioOutputTokens: 0,
        imageInputTokens: 0,
        latencyMs: 3,
        timeToFirstTokenMs: null,
        status: 'success',
        errorType: null,
        costUsd: null,
        traceId: null,
        runId: null,
        conversationId: null,
        spanId: null,
        parentSpanId: null,
        timestamp: new Date('2026-11-22T11:59:00.000Z'),
      },
    ]);
    expect(rejections.total).toBe(5);
    expect(rejections.message(['span', 'spans'])).toBe(
      '1 span: timestamp is more than 5 minutes in the future; 1 span: inputTokens must be <= 2147483647; 3 spans: value must be between 0 and 100 for cpu (percent)',
    );
  });

  it('refuses per item the values outside the /api/ingest ranges, as partial success, and keeps the extremes inside them', () => {
    const sample = (value: number, type = 'gen_ai.client.token.usage.input'): Candidate => ({
      kind: 'samples',
      item: { agentId: AGENT, type, value, timestamp: '2026-11-22T11:59:00.000Z' },
      points: 1,
    });
    const rejections = new Rejections();
    const { batch } = buildBatch(
      [
        sample(1.7e308),
        sample(Number.POSITIVE_INFINITY),
        sample(1e15),
        { kind: 'toolCalls', item: { agentId: AGENT, tool: 't', durationMs: 1.7e308, status: 'success', timestamp: '2026-11-22T11:59:00.000Z' }, points: 2 },
        {
          kind: 'llmCalls',
          item: { agentId: AGENT, model: 'a\u0000', inputTokens: 1, outputTokens: 1, latencyMs: 1, status: 'success', timestamp: '2026-11-22T11:59:00.000Z' },
          points: 1,
        },
      ],
      LIMITS,
      rejections,
    );
    expect(batch.samples.map((s) => s.value)).toEqual([1e15]);
    expect(batch.toolCalls).toEqual([]);
    expect(rejections.total).toBe(5);
    expect(rejections.message(['point', 'points'])).toBe(
      '1 point: value must be <= 1000000000000000; 1 point: value must be a finite number; 2 points: durationMs must be <= 1000000000000; ' +
        '1 point: model must not contain NUL or unpaired surrogates',
    );
  });

  it('lists at most ten reasons', () => {
    const rejections = new Rejections();
    for (let i = 0; i < 12; i++) rejections.add(`reason ${i}`, 1);
    expect(rejections.message(['point', 'points']).split('; ')).toHaveLength(11);
    expect(rejections.message(['point', 'points'])).toMatch(/; and 2 more reasons$/);
  });
});
