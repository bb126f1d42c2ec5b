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
        provider: null,
        inputTokens: 1,
        outputTokens: 2,
        latencyMs: 3,
        status: 'success',
        errorType: null,
        costUsd: null,
        traceId: null,
        timestamp: new Date('2026-11-22T11:59:00.000Z'),
      },
    ]);
    expect(rejections.total).toBe(5);
    expect(rejections.message(['span', 'spans'])).toBe(
      '1 span: timestamp is more than 5 minutes in the future; 1 span: inputTokens must be <= 2147483647; 3 spans: value must be between 0 and 100 for cpu (percent)',
    );
  });

  it('lists at most ten reasons', () => {
    const rejections = new Rejections();
    for (let i = 0; i < 12; i++) rejections.add(`reason ${i}`, 1);
    expect(rejections.message(['point', 'points']).split('; ')).toHaveLength(11);
    expect(rejections.message(['point', 'points'])).toMatch(/; and 2 more reasons$/);
  });
});
