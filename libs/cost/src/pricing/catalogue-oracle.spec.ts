import { calcPrice, type Provider, type Usage } from '@pydantic/genai-prices';
import { loadPackageProviders, normalizeCatalogue } from './catalogue.source';
import type { Catalogue, PriceRow } from './catalogue.types';
import { catalogueIndex } from '../prices/catalogue-index.fixture';
import { decimal, roundTo, toDecimalString } from './exact-decimal';
import { resolveModel } from './model-match';
import { priceInForce, utcSecondsOfDay } from './price-in-force';
import { usageCost, type TokenUsage } from './usage-cost';

/** The package's calculator is the oracle: Fleetwatch's exact costs must equal its float ones. */
function packageUsage(u: TokenUsage): Usage {
  const out: Usage = {
    input_tokens: u.input,
    output_tokens: u.output,
    cache_read_tokens: u.cacheRead ?? 0,
    cache_write_tokens: u.cacheWrite ?? 0,
    output_reasoning_tokens: u.reasoning ?? 0,
    input_audio_tokens: u.audioIn ?? 0,
    output_audio_tokens: u.audioOut ?? 0,
    input_image_tokens: u.imageIn ?? 0,
    cache_audio_read_tokens: u.cacheReadAudio ?? 0,
    cache_image_read_tokens: u.cacheReadImage ?? 0,
  };
  if (u.cacheWrite1h !== undefined) out.cache_write_1h_tokens = u.cacheWrite1h;
  if (u.cacheWrite5m !== undefined) out.cache_write_5m_tokens = u.cacheWrite5m;
  return out;
}

function close(ours: string, theirs: number): boolean {
  const a = Number(ours);
  return Math.abs(a - theirs) <= 1e-12 * Math.max(1, Math.abs(a));
}

const SMALL: TokenUsage = {
  input: 12_345,
  output: 6_789,
  cacheRead: 2_000,
  cacheWrite: 1_500,
  cacheWrite5m: 1_000,
  cacheWrite1h: 500,
  reasoning: 1_000,
  audioIn: 300,
  audioOut: 200,
  imageIn: 400,
  cacheReadAudio: 100,
  cacheReadImage: 50,
};
const LARGE: TokenUsage = { ...SMALL, input: 300_123, cacheRead: 150_000, cacheWrite: 20_000, cacheWrite1h: 5_000 };

/** A moment the row is in force: a day after it starts, inside its window or at 20:00 UTC. */
function momentFor(row: PriceRow): Date {
  const day = new Date(Math.max(Date.parse(row.effectiveFrom), Date.parse('2024-01-01T00:00:00Z')) + 86_400_000);
  const seconds = row.timeOfDay ? utcSecondsOfDay(row.timeOfDay.start) + 60 : 20 * 3600;
  return new Date(Date.UTC(day.getUTCFullYear(), day.getUTCMonth(), day.getUTCDate()) + seconds * 1000);
}

describe('catalogue oracle: @pydantic/genai-prices calcPrice', () => {
  let providers: Provider[];
  let catalogue: Catalogue;
  beforeAll(async () => {
    providers = await loadPackageProviders();
    catalogue = normalizeCatalogue(providers, 'test');
    jest.spyOn(console, 'warn').mockImplementation(() => undefined);
  });

  it('prices every catalogue price version as the package does, below and above every tier', () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const row of catalogue.prices) {
      const provider = providers.find((p) => p.id === row.provider) as Provider;
      const model = provider.models.find((m) => m.id === row.model);
      // The model alone under a name of its own, so the comparison is about prices, not matching.
      const single: Provider = { ...provider, models: [{ ...model!, id: 'x', match: { equals: 'x' } }] };
      for (const usage of [SMALL, LARGE]) {
        const theirs = calcPrice(packageUsage(usage), 'x', { provider: single, timestamp: momentFor(row) });
        const versions = catalogue.prices.filter((r) => r.provider === row.provider && r.model === row.model);
        const inForce = priceInForce(versions, momentFor(row));
        const ours = usageCost(usage, row).cost;
        compared += 1;
        if (!theirs || inForce !== row || !close(ours, theirs.total_price)) {
          mismatches.push(`${row.provider}/${row.model}@${row.effectiveFrom}: ours ${ours} theirs ${theirs?.total_price}`);
        }
      }
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(3000);
  });

  it('skips only models the package itself refuses to price with this usage', () => {
    for (const s of catalogue.skipped) {
      const provider = providers.find((p) => p.id === s.provider) as Provider;
      const model = provider.models.find((m) => m.id === s.model)!;
      const single: Provider = { ...provider, models: [{ ...model, id: 'x', match: { equals: 'x' } }] };
      expect(() => calcPrice(packageUsage(SMALL), 'x', { provider: single, timestamp: new Date('2030-01-01T20:00:00Z') })).toThrow();
    }
    expect(catalogue.skipped.length).toBeLessThan(10);
  });

  it('matches twenty real (model, usage) pairs to the same price', () => {
    const at = new Date('2025-10-01T20:00:00Z');
    const pairs: Array<[string, string | undefined, TokenUsage]> = [
      ['claude-sonnet-4-5-20250929', 'anthropic', { input: 10_000, output: 800, cacheRead: 6_000, cacheWrite: 3_000, cacheWrite1h: 1_000 }],
      ['claude-3-5-haiku-20241022', undefined, { input: 5_000, output: 300, cacheRead: 1_000, cacheWrite: 2_000 }],
      ['claude-opus-4-1-20250805', undefined, { input: 20_000, output: 1_500 }],
      ['claude-sonnet-4-20250514', 'anthropic', { input: 250_000, output: 4_000, cacheRead: 200_000 }],
      ['gpt-4o-mini-2024-07-18', undefined, { input: 3_000, output: 1_200, cacheRead: 1_024 }],
      ['gpt-4o', 'openai', { input: 8_000, output: 2_000, cacheRead: 4_096 }],
      ['o3', 'openai', { input: 4_000, output: 9_000, reasoning: 7_500, cacheRead: 1_000 }],
      ['o4-mini', undefined, { input: 2_500, output: 6_000, reasoning: 5_000 }],
      ['gpt-5-2025-08-07', undefined, { input: 30_000, output: 12_000, reasoning: 10_000, cacheRead: 20_000 }],
      ['gpt-4.1-nano', undefined, { input: 100_000, output: 500 }],
      ['gemini-2.5-pro', undefined, { input: 250_000, output: 3_000, cacheRead: 100_000, reasoning: 1_000 }],
      ['gemini-2.5-pro', 'google', { input: 150_000, output: 3_000 }],
      ['gemini-2.5-flash', undefined, { input: 40_000, output: 2_000, audioIn: 10_000 }],
      ['gpt-4o-realtime-preview', 'openai', { input: 5_000, output: 2_000, audioIn: 3_000, audioOut: 1_500, cacheRead: 1_000, cacheReadAudio: 600 }],
      ['deepseek-chat', undefined, { input: 9_000, output: 1_000, cacheRead: 4_000 }],
      ['mistral-large-latest', undefined, { input: 7_000, output: 700 }],
      ['grok-4', undefined, { input: 6_000, output: 6_000, reasoning: 2_000 }],
      ['anthropic.claude-3-5-sonnet-20240620-v1:0', 'aws', { input: 4_000, output: 400 }],
      ['claude-sonnet-4-5@20250929', 'google', { input: 12_000, output: 900, cacheRead: 2_000, cacheWrite: 1_000 }],
      ['command-r-plus', undefined, { input: 3_333, output: 777 }],
    ];
    const index = catalogueIndex(catalogue);
    for (const [name, provider, usage] of pairs) {
      const theirs = calcPrice(packageUsage(usage), name, { providerId: provider, timestamp: at });
      const match = resolveModel(catalogue.providers, { model: name, provider });
      expect({ name, provider: match?.provider, model: match?.model }).toEqual({ name, provider: theirs?.provider.id, model: theirs?.model.id });
      const price = index.resolve({ ownerId: null, model: name, provider, timestamp: at });
      expect({ name, priced: price !== null }).toEqual({ name, priced: true });
      const cost = usageCost(usage, price!).cost;
      expect(close(cost, theirs!.total_price)).toBe(true);
      expect(index.price({ ownerId: null, model: name, provider, usage, timestamp: at }, 0).costUsd).toBe(toDecimalString(roundTo(decimal(cost), 10)));
      expect(theirs!.model_price).toBeDefined();
    }
  });
});
