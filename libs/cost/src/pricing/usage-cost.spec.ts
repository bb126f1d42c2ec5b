import { loadCatalogue } from './catalogue.source';
import type { Catalogue, PriceRow, TokenRates } from './catalogue.types';
import { catalogueIndex } from '../prices/catalogue-index.fixture';
import { priceInForce } from './price-in-force';
import { firstUsageProblem, usageCost, usageIsPossible, UsagePartitionError, validateUsage, type TokenUsage } from './usage-cost';

/**
 * The scenarios with the published list prices written here (USD per million tokens) and
 * checked against the catalogue first, so a catalogue upgrade that changes one fails loudly here.
 * Expected costs are computed from those rates in hundredths of a dollar per MTok, which keeps the
 * arithmetic in integers: cost = Σ tokens × rate_in_cents / 10^8.
 */
const cents = (usd: number): number => Math.round(usd * 100);
const usd = (tokenCents: number): string => String(tokenCents / 1e8);

let catalogue: Catalogue;
beforeAll(async () => {
  catalogue = await loadCatalogue();
});

function row(provider: string, model: string, at = new Date('2025-10-01T20:00:00Z')): PriceRow {
  const found = priceInForce(
    catalogue.prices.filter((r) => r.provider === provider && r.model === model),
    at,
  );
  if (!found) throw new Error(`no ${provider}/${model} price at ${at.toISOString()}`);
  return found;
}

function expectRates(actual: TokenRates, published: Partial<Record<keyof TokenRates, number>>): void {
  for (const [type, rate] of Object.entries(published)) expect({ type, rate: actual[type as keyof TokenRates] }).toEqual({ type, rate: String(rate) });
}

describe('usageCost with catalogue prices', () => {
  it('Anthropic: cache reads, 5-minute and 1-hour cache writes each at their own rate', () => {
    const sonnet = row('anthropic', 'claude-sonnet-4-5');
    const rate = { input: 3, output: 15, cacheRead: 0.3, cacheWrite5m: 3.75, cacheWrite1h: 6 };
    expectRates(sonnet.rates, rate);
    // 50,000 input = 10,000 uncached + 30,000 cache reads + 10,000 cache writes (6,000 5m + 4,000 1h).
    const usage: TokenUsage = { input: 50_000, output: 2_000, cacheRead: 30_000, cacheWrite: 10_000, cacheWrite5m: 6_000, cacheWrite1h: 4_000 };
    const expected =
      10_000 * cents(rate.input) +
      30_000 * cents(rate.cacheRead) +
      6_000 * cents(rate.cacheWrite5m) +
      4_000 * cents(rate.cacheWrite1h) +
      2_000 * cents(rate.output);
    const result = usageCost(usage, sonnet);
    expect(result.cost).toBe(usd(expected));
    expect(result.cost).toBe('0.1155');
    expect(result.lines).toEqual([
      { type: 'input', tokens: 10_000, ratePerMillion: '3', cost: '0.03' },
      { type: 'output', tokens: 2_000, ratePerMillion: '15', cost: '0.03' },
      { type: 'cacheRead', tokens: 30_000, ratePerMillion: '0.3', cost: '0.009' },
      { type: 'cacheWrite5m', tokens: 6_000, ratePerMillion: '3.75', cost: '0.0225' },
      { type: 'cacheWrite1h', tokens: 4_000, ratePerMillion: '6', cost: '0.024' },
    ]);
    expect(result.tierAboveInputTokens).toBeNull();
  });

  it('Anthropic: cache writes without a 5m/1h split are all billed at the 5-minute rate', () => {
    const usage: TokenUsage = { input: 50_000, output: 2_000, cacheRead: 30_000, cacheWrite: 10_000 };
    const expected = 10_000 * 300 + 30_000 * 30 + 10_000 * 375 + 2_000 * 1_500;
    expect(usageCost(usage, row('anthropic', 'claude-sonnet-4-5')).cost).toBe(usd(expected));
  });

  it('OpenAI: cached input at the cached rate; reasoning tokens billed inside output', () => {
    const mini = row('openai', 'gpt-4o-mini');
    expectRates(mini.rates, { input: 0.15, cacheRead: 0.075, output: 0.6 });
    expect(mini.rates.reasoning).toBeNull();
    const cached: TokenUsage = { input: 20_000, output: 3_000, cacheRead: 8_000 };
    // 0.075 $/MTok is 7.5 cents: double every rate to stay in integers, then halve the power of ten.
    const doubled = 12_000 * 2 * 15 + 8_000 * 15 + 3_000 * 2 * 60;
    expect(usageCost(cached, mini).cost).toBe(String(doubled / 2e8));
    expect(usageCost(cached, mini).cost).toBe('0.0042'); // 0.0018 + 0.0006 + 0.0018

    const o4mini = row('openai', 'o4-mini');
    const rate = { input: 1.1, cacheRead: 0.275, output: 4.4 };
    expectRates(o4mini.rates, rate);
    // 9,000 output tokens of which 7,000 are reasoning: all 9,000 at the output rate.
    const reasoning: TokenUsage = { input: 12_000, output: 9_000, cacheRead: 4_000, reasoning: 7_000 };
    const quarterCents = 8_000 * 440 + 4_000 * 110 + 9_000 * 1_760; // rates × 400
    const result = usageCost(reasoning, o4mini);
    expect(result.cost).toBe(String(quarterCents / 4e8));
    expect(result.cost).toBe('0.0495');
    expect(result.lines.map((l) => [l.type, l.tokens])).toEqual([
      ['input', 8_000],
      ['output', 9_000],
      ['cacheRead', 4_000],
    ]);
  });

  it('Gemini 2.5 Pro: above 200k input every token of the call is billed at the long-context rates', () => {
    const pro = row('google', 'gemini-2.5-pro');
    expectRates(pro.rates, { input: 1.25, cacheRead: 0.125, output: 10 });
    expect(pro.tiers).toHaveLength(1);
    expect(pro.tiers[0].aboveInputTokens).toBe(200_000);
    expectRates(pro.tiers[0].rates, { input: 2.5, cacheRead: 0.25, output: 15 });

    const above: TokenUsage = { input: 250_000, output: 4_000, cacheRead: 50_000, reasoning: 3_000 };
    const expected = 200_000 * 250 + 50_000 * 25 + 4_000 * 1_500;
    const result = usageCost(above, pro);
    expect(result.cost).toBe(usd(expected));
    expect(result.cost).toBe('0.5725');
    expect(result.tierAboveInputTokens).toBe(200_000);

    // The threshold itself is still base price; one token more moves the whole call up.
    expect(usageCost({ input: 200_000, output: 4_000 }, pro).cost).toBe(usd(200_000 * 125 + 4_000 * 1_000));
    expect(usageCost({ input: 200_001, output: 4_000 }, pro).cost).toBe(usd(200_001 * 250 + 4_000 * 1_500));
  });

  it('a price change in the middle of a period: each call uses the version in force at its timestamp', () => {
    const index = catalogueIndex(catalogue);
    const usage: TokenUsage = { input: 10_000, output: 5_000, cacheRead: 2_000 };
    // o3 was cut on 2025-06-10 from 10 / 40 to 2 / 8 $/MTok (cached input 0.5 before and after).
    const beforeCall = { ownerId: null, model: 'o3', provider: 'openai', usage, timestamp: new Date('2025-06-09T23:59:59.999Z') };
    const afterCall = { ownerId: null, model: 'o3-2025-04-16', usage, timestamp: new Date('2025-06-10T00:00:00.000Z') };
    const before = index.resolve(beforeCall);
    const after = index.resolve(afterCall);
    if (!before || !after) throw new Error('o3 should be priced');
    expect([before.effectiveFrom, after.effectiveFrom]).toEqual(['1970-01-01T00:00:00.000Z', '2025-06-10T00:00:00.000Z']);
    expectRates(before.rates, { input: 10, cacheRead: 0.5, output: 40 });
    expectRates(after.rates, { input: 2, cacheRead: 0.5, output: 8 });
    const oldCost = 8_000 * 1_000 + 2_000 * 50 + 5_000 * 4_000;
    const newCost = 8_000 * 200 + 2_000 * 50 + 5_000 * 800;
    expect(index.price(beforeCall, 0.002).costUsd).toBe(usd(oldCost));
    expect(index.price(afterCall, 0.002).costUsd).toBe(usd(newCost));
    expect(before.catalogueVersion).toBe(after.catalogueVersion);
  });

  it('a call no catalogue price matches is priced per 1k tokens and counted as unpriced', () => {
    const result = catalogueIndex(catalogue).price(
      { ownerId: null, model: 'in-house-llm-7b', usage: { input: 1_000, output: 500 }, timestamp: new Date() },
      0.002,
    );
    expect(result).toEqual({ costUsd: '0.003', rateSource: 'fallback', priceSource: null, priceVersion: null, provider: null, costParts: null });
  });

  it('exact decimals: no float drift over many small calls', () => {
    const mini = row('openai', 'gpt-4o-mini');
    // 0.1 + 0.2-style drift would show here: 3 tokens of cached input at 0.075 $/MTok.
    expect(usageCost({ input: 3, output: 0, cacheRead: 3 }, mini).cost).toBe('0.000000225');
  });
});

describe('validateUsage', () => {
  const cases: Array<[TokenUsage, string, RegExp]> = [
    [{ input: 100, output: 10, cacheRead: 101 }, 'cacheReadInputTokens', /cacheReadInputTokens \(101\) exceeds inputTokens \(100\)/],
    [
      { input: 100, output: 10, cacheRead: 60, cacheWrite: 50 },
      'cacheCreationInputTokens',
      /cacheReadInputTokens \+ cacheCreationInputTokens \(110\) exceeds inputTokens/,
    ],
    [{ input: 100, output: 10, cacheWrite: 50, cacheWrite5m: 30, cacheWrite1h: 30 }, 'cacheCreation1hInputTokens', /exceeds cacheCreationInputTokens \(50\)/],
    [{ input: 100, output: 10, cacheWrite1h: 1 }, 'cacheCreation1hInputTokens', /exceeds cacheCreationInputTokens \(0\)/],
    [{ input: 100, output: 10, reasoning: 11 }, 'reasoningOutputTokens', /reasoningOutputTokens \(11\) exceeds outputTokens \(10\)/],
    [{ input: 100, output: 10, audioOut: 11 }, 'audioOutputTokens', /exceeds outputTokens/],
    [{ input: 100, output: 10, audioIn: 60, imageIn: 50 }, 'imageInputTokens', /exceeds inputTokens/],
    [{ input: -1, output: 10 }, 'inputTokens', /inputTokens must be a non-negative integer/],
    [{ input: 1.5, output: 10 }, 'inputTokens', /non-negative integer/],
  ];
  it.each(cases)('%j is refused naming %s', (usage, field, message) => {
    let error: unknown;
    try {
      validateUsage(usage);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsagePartitionError);
    expect((error as UsagePartitionError).field).toBe(field);
    expect((error as Error).message).toMatch(message);
  });

  it('has a fast check that agrees with the walk over every partition rule, on every usage of counts 0 to 2 and on values that are not counts', () => {
    const fields: Array<keyof TokenUsage> = [
      'input',
      'output',
      'cacheRead',
      'cacheWrite',
      'cacheWrite5m',
      'cacheWrite1h',
      'reasoning',
      'audioIn',
      'audioOut',
      'imageIn',
      'cacheReadAudio',
      'cacheReadImage',
    ];
    let disagreements = 0;
    let possible = 0;
    for (let code = 0; code < 3 ** fields.length; code++) {
      const usage = { input: 0, output: 0 } as TokenUsage;
      let rest = code;
      for (const field of fields) {
        usage[field] = rest % 3;
        rest = Math.floor(rest / 3);
      }
      const fast = usageIsPossible(usage);
      if (fast !== (firstUsageProblem(usage) === null)) disagreements += 1;
      if (fast) possible += 1;
    }
    expect(disagreements).toBe(0);
    expect(possible).toBeGreaterThan(1_000);
    for (const bad of [-1, 1.5, Number.NaN, 2 ** 53]) {
      for (const field of fields) {
        const usage = { input: 5, output: 5, [field]: bad } as TokenUsage;
        expect([field, usageIsPossible(usage)]).toEqual([field, false]);
        expect(firstUsageProblem(usage)).toBeInstanceOf(UsagePartitionError);
      }
    }
  });

  it('accepts partitions that add up to their totals exactly', () => {
    expect(() =>
      validateUsage({ input: 100, output: 10, cacheRead: 40, cacheWrite: 60, cacheWrite5m: 20, cacheWrite1h: 40, reasoning: 10, audioOut: 10 }),
    ).not.toThrow();
  });

  it('a priced partition overlap the totals cannot hold is refused at pricing, naming the total', () => {
    // Audio cache reads unreported: 500 cached + 800 audio cannot both lie inside 1,000 input tokens.
    const realtime = { rates: { ...row('openai', 'gpt-4o-mini').rates, audioInput: '40', cacheReadAudio: '2.5' }, tiers: [], perRequest: null };
    expect(() => usageCost({ input: 1_000, output: 10, cacheRead: 500, audioIn: 800 }, realtime)).toThrow(/partitions of inputTokens/);
  });
});
