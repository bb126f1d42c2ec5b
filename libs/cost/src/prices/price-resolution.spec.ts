import { emptyRates, type CatalogueProvider, type TokenRates } from '../pricing/catalogue.types';
import { PriceIndex, type CallToPrice } from './price-resolution';
import type { StoredPrice } from './stored-price';

const OWNER = '00000000-0000-7000-8000-0000000000aa';
const STRANGER = '00000000-0000-7000-8000-0000000000bb';
const FALLBACK_PER_1K = 0.002;

const providers: CatalogueProvider[] = [
  {
    id: 'openai',
    name: 'OpenAI',
    providerMatch: { contains: 'openai' },
    modelMatch: { starts_with: 'gpt' },
    fallbackModelProviders: [],
    models: [{ id: 'gpt-4o-mini', match: { or: [{ equals: 'gpt-4o-mini' }, { starts_with: 'gpt-4o-mini-2024' }] } }],
  },
];

let n = 0;
function price(source: StoredPrice['source'], rates: Partial<TokenRates>, extra: Partial<StoredPrice> = {}): StoredPrice {
  n += 1;
  return {
    id: `00000000-0000-7000-8000-${String(n).padStart(12, '0')}`,
    provider: 'openai',
    model: 'gpt-4o-mini',
    source,
    ownerId: null,
    catalogueVersion: source === 'catalogue' ? '0.1.8' : null,
    matchRule: null,
    matchOrder: null,
    effectiveFrom: '1970-01-01T00:00:00.000Z',
    timeOfDay: null,
    rates: { ...emptyRates(), ...rates },
    tiers: [],
    perRequest: null,
    otherPrices: {},
    createdAt: '2026-01-01T00:00:00.000Z',
    ...extra,
  };
}

const catalogue = price('catalogue', { input: '0.15', output: '0.6', cacheRead: '0.075' });
const admin = price('admin', { input: '1', output: '2' }, { effectiveFrom: '2026-06-01T00:00:00.000Z' });
const owner = price('owner', { input: '0.1', output: '0.2' }, { ownerId: OWNER, effectiveFrom: '2026-07-01T00:00:00.000Z' });
const index = new PriceIndex(providers, [catalogue, admin, owner]);

function call(extra: Partial<CallToPrice>): CallToPrice {
  return { ownerId: OWNER, model: 'gpt-4o-mini', usage: { input: 10_000, output: 1_000 }, timestamp: new Date('2026-08-01T00:00:00Z'), ...extra };
}

describe('PriceIndex', () => {
  it('prefers the owner’s price, then the admin override, then the catalogue, each by the call’s timestamp', () => {
    expect(index.price(call({}), FALLBACK_PER_1K)).toMatchObject({
      costUsd: String((10_000 * 0.1 + 1_000 * 0.2) / 1e6),
      rateSource: 'model',
      priceSource: 'owner',
      priceVersion: null,
    });
    // Another owner's agent: the owner's price is not theirs, the admin override applies.
    expect(index.price(call({ ownerId: STRANGER }), FALLBACK_PER_1K)).toMatchObject({ costUsd: String((10_000 * 1 + 1_000 * 2) / 1e6), priceSource: 'admin' });
    // Before the owner's price starts, the admin override; before that, the catalogue.
    expect(index.price(call({ timestamp: new Date('2026-06-15T00:00:00Z') }), FALLBACK_PER_1K).priceSource).toBe('admin');
    const early = index.price(
      call({ timestamp: new Date('2026-05-01T00:00:00Z'), usage: { input: 10_000, output: 1_000, cacheRead: 4_000 } }),
      FALLBACK_PER_1K,
    );
    expect(early).toMatchObject({
      costUsd: String((6_000 * 0.15 + 4_000 * 0.075 + 1_000 * 0.6) / 1e6),
      priceSource: 'catalogue',
      priceVersion: '0.1.8',
      provider: 'openai',
    });
  });

  it('applies an override to a dated snapshot the catalogue resolves to the overridden model', () => {
    const snapshot = call({ ownerId: STRANGER, model: 'gpt-4o-mini', responseModel: 'gpt-4o-mini-2024-07-18' });
    expect(index.resolve(snapshot)).toBe(admin);
    // Sent only as the snapshot name, with no model asked for.
    expect(index.resolve({ ...snapshot, model: null })).toBe(admin);
    expect(index.resolve({ ...snapshot, model: null, timestamp: new Date('2026-01-01T00:00:00Z') })).toBe(catalogue);
  });

  it('matches override names without regard to case', () => {
    expect(index.resolve(call({ model: 'GPT-4o-Mini' }))).toBe(owner);
  });

  it('falls back per 1k tokens for a model nobody prices, and keeps a client’s cost', () => {
    const unknown = index.price(call({ model: 'my-local-model' }), FALLBACK_PER_1K);
    expect(unknown).toEqual({
      costUsd: String((0.002 * 11_000) / 1000),
      rateSource: 'fallback',
      priceSource: null,
      priceVersion: null,
      provider: null,
      costParts: null,
    });
    const client = index.price(call({ costUsd: 0.123 }), FALLBACK_PER_1K);
    expect(client).toEqual({ costUsd: '0.123', rateSource: 'client', priceSource: null, priceVersion: null, provider: 'openai', costParts: null });
  });

  it('rounds to the 10 decimal places the column stores', () => {
    const tiny = index.price(call({ usage: { input: 1, output: 0 }, ownerId: null, timestamp: new Date('2026-01-01T00:00:00Z') }), FALLBACK_PER_1K);
    // 1 × 0.15 / 1e6 = 0.00000015 exactly.
    expect(tiny.costUsd).toBe('0.00000015');
  });

  it('applies an override set for one provider to that provider’s calls only, before one set for any provider', () => {
    const azure = price('admin', { input: '3', output: '6' }, { provider: 'azure', model: 'gpt-4o', effectiveFrom: '2026-07-01T00:00:00.000Z' });
    const anyProvider = price('admin', { input: '2', output: '4' }, { provider: null, model: 'gpt-4o', effectiveFrom: '2026-01-01T00:00:00.000Z' });
    const byProvider = new PriceIndex(providers, [azure, anyProvider]);
    const at = (p: string | null) => byProvider.resolve({ ownerId: null, model: 'gpt-4o', provider: p, timestamp: new Date('2026-08-01T00:00:00Z') });
    expect(at('Azure')).toBe(azure);
    expect(at('openai')).toBe(anyProvider);
    // No provider reported and the catalogue names none (this fixture does not know gpt-4o): nothing rules the Azure price out.
    expect(at(null)).toBe(azure);
    // A price for one provider never prices a call reported for another.
    const acmeOnly = new PriceIndex(providers, [price('admin', { input: '9', output: '9' }, { provider: 'acme', model: 'house-model' })]);
    const house = (p: string | null) => acmeOnly.resolve({ ownerId: null, model: 'house-model', provider: p, timestamp: new Date('2026-08-01T00:00:00Z') });
    expect(house('other-cloud')).toBeNull();
    expect(house('ACME')?.provider).toBe('acme');
    expect(house(null)?.provider).toBe('acme');
  });
});
