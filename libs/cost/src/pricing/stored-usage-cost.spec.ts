import { loadPackageProviders, normalizeCatalogue } from './catalogue.source';
import type { Catalogue, PriceRow, TokenRates } from './catalogue.types';
import { costParts } from './cost-parts';
import { roundTo, decimal, toDecimalString } from './exact-decimal';
import { storedUsageCost } from './stored-usage-cost';
import { usageCost, UsagePartitionError, type TokenUsage } from './usage-cost';

/** The reference: exact bigint cost, rounded as numeric(20, 10) stores it, and its split. */
function exact(usage: TokenUsage, row: Pick<PriceRow, 'rates' | 'tiers' | 'perRequest'>) {
  const cost = usageCost(usage, row);
  const costUsd = toDecimalString(roundTo(decimal(cost.cost), 10));
  return { costUsd, costParts: costParts(cost.lines, cost.requestFee, costUsd) };
}

/** Deterministic usages of every shape: each part inside its total, some types absent, some zero. */
function usages(count: number): TokenUsage[] {
  let seed = 12_345;
  const next = (max: number) => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return seed % (max + 1);
  };
  const out: TokenUsage[] = [{ input: 0, output: 0 }];
  for (let i = 0; i < count; i++) {
    const input = next(i % 3 === 0 ? 400_000 : 20_000);
    const output = next(10_000);
    const cacheRead = next(Math.floor(input / 2));
    const cacheWrite = next(input - cacheRead);
    const cacheWrite1h = i % 2 ? next(cacheWrite) : undefined;
    const audioIn = next(Math.floor(input / 4));
    const imageIn = next(Math.floor(input / 4));
    const u: TokenUsage = { input, output, cacheRead, cacheWrite, reasoning: next(output), audioIn, imageIn };
    if (cacheWrite1h !== undefined) u.cacheWrite1h = cacheWrite1h;
    if (i % 4 === 0) {
      u.audioOut = next(output - (u.reasoning ?? 0));
      u.cacheReadAudio = next(Math.min(cacheRead, audioIn));
      u.cacheReadImage = next(Math.min(cacheRead - u.cacheReadAudio, imageIn));
    }
    out.push(u);
  }
  return out;
}

function decimals(rates: TokenRates): number {
  return Math.max(0, ...Object.values(rates).map((r) => (r === null ? 0 : (r.split('.')[1] ?? '').length)));
}

describe('storedUsageCost: the whole-units path of the ingest hot path', () => {
  let catalogue: Catalogue;
  beforeAll(async () => {
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    catalogue = normalizeCatalogue(await loadPackageProviders(), 'test');
  });

  it('gives exactly the bigint answer for every catalogue price and 40 usages, and declines only rates with more than 4 places', () => {
    const all = usages(40);
    let compared = 0;
    let declined = 0;
    const mismatches: string[] = [];
    for (const row of catalogue.prices) {
      for (const usage of all) {
        const fast = storedUsageCost(usage, row);
        const tierRates = [row.rates, ...row.tiers.map((t) => t.rates)];
        if (fast === null) {
          declined += 1;
          if (Math.max(...tierRates.map(decimals)) <= 4) mismatches.push(`${row.provider}/${row.model}: declined with rates of at most 4 places`);
          continue;
        }
        compared += 1;
        const reference = exact(usage, row);
        if (JSON.stringify(fast) !== JSON.stringify(reference)) {
          mismatches.push(`${row.provider}/${row.model} ${JSON.stringify(usage)}: ${JSON.stringify(fast)} vs ${JSON.stringify(reference)}`);
        }
      }
    }
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(compared).toBeGreaterThan(60_000);
    // 0.1.8 has 24 such rates among 4,042; if the catalogue grows more, this bound says so.
    expect(declined).toBeLessThan(compared / 50);
  });

  it('prices a per-request fee and a tier like the bigint path, with the split in the order the types are listed', () => {
    const row: Pick<PriceRow, 'rates' | 'tiers' | 'perRequest'> = {
      rates: { ...catalogue.prices[0].rates, input: '1.25', output: '10', cacheRead: '0.125' },
      tiers: [{ aboveInputTokens: 200_000, rates: { ...catalogue.prices[0].rates, input: '2.5', output: '15', cacheRead: '0.25' } }],
      perRequest: '0.0010000000',
    };
    for (const key of Object.keys(row.rates) as Array<keyof TokenRates>) {
      if (!['input', 'output', 'cacheRead'].includes(key)) {
        row.rates[key] = null;
        row.tiers[0].rates[key] = null;
      }
    }
    const below = storedUsageCost({ input: 100_000, output: 2_000, cacheRead: 40_000 }, row);
    expect(below).toEqual({ costUsd: '0.101', costParts: { input: '0.075', output: '0.02', cacheRead: '0.005', request: '0.001' } });
    expect(Object.keys(below!.costParts)).toEqual(['input', 'output', 'cacheRead', 'request']);
    const above = storedUsageCost({ input: 250_000, output: 1_000, cacheRead: 50_000 }, row);
    expect(above).toEqual({ costUsd: '0.5285', costParts: { input: '0.5', output: '0.015', cacheRead: '0.0125', request: '0.001' } });
    expect(above).toEqual(exact({ input: 250_000, output: 1_000, cacheRead: 50_000 }, row));
  });

  it('declines what whole units cannot hold exactly, and refuses an impossible usage as the bigint path does', () => {
    const base = catalogue.prices.find((r) => r.rates.input !== null && r.rates.output !== null && r.tiers.length === 0)!;
    const fine: Pick<PriceRow, 'rates' | 'tiers' | 'perRequest'> = { rates: { ...base.rates, input: '0.01875' }, tiers: [], perRequest: null };
    expect(storedUsageCost({ input: 1_000, output: 10 }, fine)).toBeNull();
    const huge: Pick<PriceRow, 'rates' | 'tiers' | 'perRequest'> = { rates: { ...base.rates, input: '600' }, tiers: [], perRequest: null };
    expect(storedUsageCost({ input: 9_000_000_000_000, output: 0 }, huge)).toBeNull();
    expect(() => storedUsageCost({ input: 10, output: 10, reasoning: 11 }, base)).toThrow(UsagePartitionError);
    expect(() => storedUsageCost({ input: 10, output: 10, reasoning: 11 }, base)).toThrow('reasoningOutputTokens (11) exceeds outputTokens (10)');
  });
});
