import type { Provider } from '@pydantic/genai-prices';
import { normalizeCatalogue, packageVersion } from './catalogue.source';

function provider(models: Provider['models']): Provider {
  return { id: 'acme', name: 'Acme', api_pattern: 'acme', model_match: { starts_with: 'acme-' }, models };
}

describe('normalizeCatalogue', () => {
  it('records the installed package version with every row', () => {
    expect(packageVersion()).toBe('0.1.8');
    const c = normalizeCatalogue([provider([{ id: 'a', match: { equals: 'a' }, prices: { input_mtok: 1, output_mtok: 2 } }])], packageVersion());
    expect(c.prices.map((r) => r.catalogueVersion)).toEqual(['0.1.8']);
  });

  it('turns conditional prices into dated versions and time-of-day windows', () => {
    const c = normalizeCatalogue(
      [
        provider([
          {
            id: 'a',
            match: { starts_with: 'acme-a' },
            prices: [
              { prices: { input_mtok: 1, output_mtok: 2 } },
              { constraint: { type: 'start_date', start_date: '2025-06-10' }, prices: { input_mtok: 0.5, output_mtok: 1 } },
              { constraint: { type: 'time_of_date', start_time: '16:30:00Z', end_time: '00:30:00Z' }, prices: { input_mtok: 0.25, output_mtok: 0.5 } },
            ],
          },
        ]),
      ],
      'v',
    );
    expect(c.prices.map((r) => [r.effectiveFrom, r.timeOfDay, r.rates.input])).toEqual([
      ['1970-01-01T00:00:00.000Z', null, '1'],
      ['2025-06-10T00:00:00.000Z', null, '0.5'],
      ['1970-01-01T00:00:00.000Z', { start: '16:30:00Z', end: '00:30:00Z' }, '0.25'],
    ]);
    expect(c.providers[0]).toEqual({
      id: 'acme',
      name: 'Acme',
      providerMatch: null,
      modelMatch: { starts_with: 'acme-' },
      fallbackModelProviders: [],
      models: [{ id: 'a', match: { starts_with: 'acme-a' } }],
    });
  });

  it('merges per-key tiers into one tier per threshold, each with every type in force above it', () => {
    const c = normalizeCatalogue(
      [
        provider([
          {
            id: 't',
            match: { equals: 't' },
            prices: {
              input_mtok: {
                base: 1,
                tiers: [
                  { start: 128_000, price: 2 },
                  { start: 200_000, price: 3 },
                ],
              } as never,
              output_mtok: { base: 10, tiers: [{ start: 200_000, price: 15 }] } as never,
              cache_read_mtok: 0.1,
            },
          },
        ]),
      ],
      'v',
    );
    const [row] = c.prices;
    expect([row.rates.input, row.rates.output, row.rates.cacheRead]).toEqual(['1', '10', '0.1']);
    expect(row.tiers.map((t) => [t.aboveInputTokens, t.rates.input, t.rates.output, t.rates.cacheRead])).toEqual([
      [128_000, '2', '10', '0.1'],
      [200_000, '3', '15', '0.1'],
    ]);
  });

  it('keeps per-request fees as USD per request and unmetered price keys verbatim', () => {
    const c = normalizeCatalogue(
      [provider([{ id: 's', match: { equals: 's' }, prices: { input_mtok: 1, output_mtok: 1, requests_kcount: 12, web_searches_kcount: 10 } }])],
      'v',
    );
    expect(c.prices[0].perRequest).toBe('0.012');
    expect(c.prices[0].otherPrices).toEqual({ web_searches_kcount: 10 });
  });

  it('skips, with the reason, what it cannot represent faithfully', () => {
    const c = normalizeCatalogue(
      [
        provider([
          { id: 'no-parent', match: { equals: 'x' }, prices: { input_mtok: 1, cache_write_1h_mtok: 2 } },
          { id: 'no-join', match: { equals: 'y' }, prices: { input_mtok: 1, cache_read_mtok: 0.1, input_audio_mtok: 4 } },
          {
            id: 'unsorted',
            match: { equals: 'z' },
            prices: [
              { prices: { input_mtok: 1 } },
              { constraint: { type: 'start_date', start_date: '2025-06-10' }, prices: { input_mtok: 2 } },
              { constraint: { type: 'start_date', start_date: '2025-01-01' }, prices: { input_mtok: 3 } },
            ],
          },
          { id: 'ok', match: { equals: 'ok' }, prices: { input_mtok: 1 } },
        ]),
      ],
      'v',
    );
    expect(c.skipped).toEqual([
      { provider: 'acme', model: 'no-parent', reason: 'cache_write_1h_mtok without cache_write_mtok' },
      { provider: 'acme', model: 'no-join', reason: 'cache_read_mtok and input_audio_mtok without cache_audio_read_mtok' },
      { provider: 'acme', model: 'unsorted', reason: 'start dates not ascending' },
    ]);
    expect(c.prices.map((r) => r.model)).toEqual(['ok']);
    // Skipped models still take part in matching, so their names do not fall through to another model.
    expect(c.providers[0].models.map((m) => m.id)).toEqual(['no-parent', 'no-join', 'unsorted', 'ok']);
  });
});
