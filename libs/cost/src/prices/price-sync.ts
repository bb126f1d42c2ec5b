import { createHash, randomUUID } from 'node:crypto';
import { loadCatalogue } from '../pricing/catalogue.source';
import type { Catalogue, PriceRow } from '../pricing/catalogue.types';
import { PriceSyncRepository, type SqlExecutor } from '../repositories/price-sync.repository';
import { canonicalRate, canonicalTiers } from './stored-price';
import { RATE_COLUMNS_SQL } from '../repositories/model-price.sql';

export interface PriceSyncResult {
  catalogueVersion: string;
  /** Catalogue entries seen for the first time (new models, new dated prices). */
  added: number;
  /** Known entries whose price changed in this catalogue version: a new version from the sync's instant. */
  changed: number;
  unchanged: number;
  providers: number;
}

const RATE_OF: ReadonlyArray<[(typeof RATE_COLUMNS_SQL)[number], keyof PriceRow['rates'] | 'perRequest']> = [
  ['input_per_1m', 'input'],
  ['output_per_1m', 'output'],
  ['cache_read_per_1m', 'cacheRead'],
  ['cache_write_5m_per_1m', 'cacheWrite5m'],
  ['cache_write_1h_per_1m', 'cacheWrite1h'],
  ['audio_input_per_1m', 'audioInput'],
  ['audio_output_per_1m', 'audioOutput'],
  ['cache_read_audio_per_1m', 'cacheReadAudio'],
  ['image_input_per_1m', 'imageInput'],
  ['cache_read_image_per_1m', 'cacheReadImage'],
  ['reasoning_per_1m', 'reasoning'],
  ['per_request_usd', 'perRequest'],
];

/** What a price is, independent of where and when it was read: two equal prices hash equal. */
export function priceHash(row: Pick<PriceRow, 'rates' | 'tiers' | 'perRequest' | 'otherPrices' | 'timeOfDay'>): string {
  const rates = Object.fromEntries(Object.entries(row.rates as unknown as Record<string, string | null>).map(([k, v]) => [k, canonicalRate(v)]));
  const content = {
    rates,
    tiers: canonicalTiers(row.tiers),
    perRequest: canonicalRate(row.perRequest),
    otherPrices: row.otherPrices,
    end: row.timeOfDay?.end ?? null,
  };
  return createHash('sha256').update(JSON.stringify(content)).digest('hex');
}

function entryKey(provider: string, model: string, catalogueFrom: string, windowStart: string | null): string {
  return [provider, model, new Date(catalogueFrom).toISOString(), windowStart ?? ''].join('\u0000');
}

function columns(row: PriceRow, effectiveFrom: string, hash: string): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: randomUUID(),
    model: row.model,
    provider: row.provider,
    source: 'catalogue',
    catalogue_version: row.catalogueVersion,
    match_rule: row.matchRule,
    match_order: row.matchOrder,
    catalogue_effective_from: row.effectiveFrom,
    content_hash: hash,
    effective_from: effectiveFrom,
    time_of_day_start: row.timeOfDay?.start ?? null,
    time_of_day_end: row.timeOfDay?.end ?? null,
    tiers: canonicalTiers(row.tiers),
    other_prices: row.otherPrices,
  };
  for (const [column, key] of RATE_OF) out[column] = canonicalRate(key === 'perRequest' ? row.perRequest : row.rates[key]);
  return out;
}

/**
 * Adds the installed catalogue's prices as versions: an entry never seen before starts at the
 * catalogue's own date; a known entry whose price differs from its newest stored version gets a
 * new version from `now` (history already priced stays as it was priced); nothing is updated or
 * deleted. Provider and model-name rules are replaced in place (they are not prices).
 */
export async function syncCatalogue(db: SqlExecutor, now: Date, catalogue?: Catalogue): Promise<PriceSyncResult> {
  const source = catalogue ?? (await loadCatalogue());
  const repository = new PriceSyncRepository(db);
  const stored = new Map<string, string>();
  for (const r of await repository.storedHashes())
    stored.set(entryKey(r.provider, r.model, new Date(r.catalogue_effective_from).toISOString(), r.time_of_day_start), r.content_hash);
  const inserts: Record<string, unknown>[] = [];
  let added = 0;
  let changed = 0;
  for (const row of source.prices) {
    const hash = priceHash(row);
    const known = stored.get(entryKey(row.provider, row.model, row.effectiveFrom, row.timeOfDay?.start ?? null));
    if (known === hash) continue;
    if (known === undefined) added += 1;
    else changed += 1;
    inserts.push(columns(row, known === undefined ? row.effectiveFrom : now.toISOString(), hash));
  }
  await repository.insertCatalogueRows(inserts);
  await repository.upsertProviders(
    source.providers.map((p, position) => ({
      id: p.id,
      name: p.name,
      provider_match: p.providerMatch,
      model_match: p.modelMatch,
      fallback_model_providers: p.fallbackModelProviders,
      models: p.models,
      position,
      catalogue_version: source.version,
    })),
  );
  return { catalogueVersion: source.version, added, changed, unchanged: source.prices.length - added - changed, providers: source.providers.length };
}
