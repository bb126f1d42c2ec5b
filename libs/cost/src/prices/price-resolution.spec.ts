import { costFromPrice, fallbackCost, priceCalls, PriceIndex, PriceVersion, roundCost } from './price-resolution';

const v = (model: string, inputPer1M: number, outputPer1M: number, from: string, provider = 'p'): PriceVersion => ({
  model,
  provider,
  inputPer1M,
  outputPer1M,
  effectiveFrom: new Date(from),
});

describe('pricing arithmetic', () => {
  it('costs per 1M tokens and rounds like numeric(20,10)', () => {
    expect(costFromPrice({ inputPer1M: 2.5, outputPer1M: 10 }, 1000, 500)).toBe(0.0075);
    expect(costFromPrice({ inputPer1M: 0.075, outputPer1M: 0.3 }, 1, 1)).toBe(0.000000375);
    expect(roundCost(0.1 + 0.2)).toBe(0.3);
    expect(roundCost(1e-11)).toBe(0);
  });

  it('falls back per 1k tokens of input plus output', () => {
    expect(fallbackCost(0.002, 1200, 300)).toBe(0.003);
    expect(fallbackCost(0, 1000, 1000)).toBe(0);
  });
});

describe('PriceIndex.resolve', () => {
  const index = new PriceIndex([
    v('gpt-4o', 5, 15, '2024-05-01T00:00:00Z'),
    v('gpt-4o', 2.5, 10, '2024-10-01T00:00:00Z'),
    v('GPT-4O', 99, 99, '2024-12-01T00:00:00Z'),
    v('Mixed-Case', 1, 1, '2024-01-01T00:00:00Z'),
  ]);

  it('takes the greatest effectiveFrom not after the call, boundary included', () => {
    expect(index.resolve('gpt-4o', new Date('2024-09-30T23:59:59Z'))?.inputPer1M).toBe(5);
    expect(index.resolve('gpt-4o', new Date('2024-10-01T00:00:00Z'))?.inputPer1M).toBe(2.5);
    expect(index.resolve('gpt-4o', new Date('2024-04-30T00:00:00Z'))).toBeUndefined();
  });

  it('prefers the exact spelling, then any case', () => {
    expect(index.resolve('gpt-4o', new Date('2025-01-01T00:00:00Z'))?.inputPer1M).toBe(2.5);
    expect(index.resolve('GPT-4O', new Date('2025-01-01T00:00:00Z'))?.inputPer1M).toBe(99);
    expect(index.resolve('Gpt-4o', new Date('2025-01-01T00:00:00Z'))?.inputPer1M).toBe(99);
    expect(index.resolve('mixed-case', new Date('2025-01-01T00:00:00Z'))?.model).toBe('Mixed-Case');
    expect(index.resolve('unknown', new Date('2025-01-01T00:00:00Z'))).toBeUndefined();
  });
});

describe('priceCalls', () => {
  const index = new PriceIndex([v('m', 1, 2, '2024-01-01T00:00:00Z', 'acme')]);
  const at = new Date('2024-06-01T00:00:00Z');

  it('labels each call with its rate source', () => {
    expect(
      priceCalls(
        [
          { model: 'm', inputTokens: 1_000_000, outputTokens: 1_000_000, timestamp: at },
          { model: 'm', inputTokens: 10, outputTokens: 10, costUsd: 0.5, timestamp: at },
          { model: 'other', inputTokens: 500, outputTokens: 500, timestamp: at },
          { model: null, inputTokens: 1000, outputTokens: 0, timestamp: at },
        ],
        index,
        0.002,
      ),
    ).toEqual([
      { costUsd: 3, rateSource: 'model', provider: 'acme' },
      { costUsd: 0.5, rateSource: 'client', provider: 'acme' },
      { costUsd: 0.002, rateSource: 'fallback', provider: null },
      { costUsd: 0.002, rateSource: 'fallback', provider: null },
    ]);
  });
});
