import { costParts, costPartsJson } from './cost-parts';
import { add, decimal, multiply, roundTo, shiftLeft, sum, toDecimalString } from './exact-decimal';
import type { CostLine } from './usage-cost';

/** A line as usageCost makes it: the exact cost tokens × rate / 1M, spelled without trailing zeros. */
const line = (type: CostLine['type'], tokens: number, ratePerMillion: string): CostLine => ({
  type,
  tokens,
  ratePerMillion,
  cost: toDecimalString(shiftLeft(multiply(decimal(tokens), decimal(ratePerMillion)), 6)),
});

/** The stored total as ingest computes it: the exact sum rounded once to 10 places. */
const storedTotal = (lines: CostLine[], fee: string | null = null): string =>
  toDecimalString(roundTo(add(sum(lines.map((l) => decimal(l.cost))), decimal(fee ?? 0)), 10));

const total = (parts: Record<string, string | undefined>): string => toDecimalString(sum(Object.values(parts).map((v) => decimal(v as string))));

const fitsTenPlaces = (v: string): boolean => !v.includes('.') || v.split('.')[1].length <= 10;

describe('costParts', () => {
  it('keeps exact parts as they are when nothing needs rounding (the Anthropic cache case)', () => {
    const lines = [
      line('input', 1_000, '3'),
      line('cacheRead', 6_000, '0.3'),
      line('cacheWrite5m', 2_000, '3.75'),
      line('cacheWrite1h', 1_000, '6'),
      line('output', 500, '15'),
    ];
    expect(costParts(lines, null, storedTotal(lines))).toEqual({
      input: '0.003',
      cacheRead: '0.0018',
      cacheWrite5m: '0.0075',
      cacheWrite1h: '0.006',
      output: '0.0075',
    });
  });

  it('puts the rounding remainder on the largest part so the parts add up to the stored cost', () => {
    // 1.5e-10 each: rounded alone, both parts become 2e-10 (4e-10 in all), but the stored total is round(3e-10) = 3e-10.
    const lines = [line('input', 1, '0.00015'), line('output', 1, '0.00015')];
    const stored = storedTotal(lines);
    expect(stored).toBe('0.0000000003');
    const parts = costParts(lines, null, stored);
    expect(parts).toEqual({ input: '0.0000000001', output: '0.0000000002' });
    expect(total(parts)).toBe(stored);
  });

  it('carries an upward remainder too; the per-request fee is a part of its own', () => {
    // 1.4e-10 each: rounded alone 1e-10 each, but the stored total is round(0.01 + 2.8e-10) = 0.0100000003.
    const lines = [line('input', 1, '0.00014'), line('output', 1, '0.00014')];
    const stored = storedTotal(lines, '0.01');
    expect(stored).toBe('0.0100000003');
    const parts = costParts(lines, '0.01', stored);
    expect(parts).toEqual({ input: '0.0000000001', output: '0.0000000001', request: '0.0100000001' });
    expect(total(parts)).toBe(stored);
  });

  it('drops a part that rounds to zero and keeps each other part at its own rounded value', () => {
    // 7 × 0.07525 / 1M = 0.00000052675 (rounds up), 3 × 0.07524 / 1M = 0.00000022572 (down), 1 × 0.00004 / 1M = 4e-11 (to 0).
    const lines = [line('input', 7, '0.07525'), line('output', 3, '0.07524'), line('cacheRead', 1, '0.00004')];
    const stored = storedTotal(lines);
    const parts = costParts(lines, null, stored);
    expect(parts).toEqual({ input: '0.0000005268', output: '0.0000002257' });
    expect(total(parts)).toBe(stored);
  });

  it('spells a fee read back as numeric text like any other part', () => {
    const lines = [line('input', 1_000, '1')];
    expect(costParts(lines, '0.0010000000', '0.002')).toEqual({ input: '0.001', request: '0.001' });
  });

  it('adds up to the stored total for every token count, with rates that round and rates that do not', () => {
    for (let tokens = 1; tokens <= 300; tokens++) {
      const lines = [
        line('input', tokens, '0.07525'),
        line('cacheRead', tokens * 3, '0.00014'),
        line('output', 301 - tokens, '15'),
        line('reasoning', tokens % 7, '0.000035'),
      ];
      const stored = storedTotal(lines, tokens % 2 ? '0.00000000005' : null);
      const parts = costParts(lines, tokens % 2 ? '0.00000000005' : null, stored);
      expect(total(parts)).toBe(stored);
      for (const value of Object.values(parts)) expect(fitsTenPlaces(value)).toBe(true);
    }
  });

  it('has no parts for a zero cost', () => {
    expect(costParts([], null, '0')).toEqual({});
  });

  it('writes the split as the JSON text JSON.stringify would, for COPY', () => {
    for (const parts of [{}, { input: '0.00125' }, { input: '0.5', output: '0.015', cacheRead: '0.0125', request: '0.001' }]) {
      expect(costPartsJson(parts)).toBe(JSON.stringify(parts));
    }
  });
});
