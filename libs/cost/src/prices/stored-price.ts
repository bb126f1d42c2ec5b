import { decimal, toDecimalString } from '../pricing/exact-decimal';
import { TOKEN_TYPES, type MatchRule, type PriceRow, type PriceTier, type TokenRates } from '../pricing/catalogue.types';
import type { ModelPrice, PriceSource } from '../entities/model-price.entity';

/** A stored price version: a catalogue row, an admin override or an owner's price. */
export interface StoredPrice extends Omit<PriceRow, 'provider' | 'catalogueVersion' | 'matchRule' | 'matchOrder'> {
  id: string;
  provider: string | null;
  source: PriceSource;
  ownerId: string | null;
  /** Catalogue rows only. */
  catalogueVersion: string | null;
  matchRule: MatchRule | null;
  matchOrder: number | null;
  createdAt: string;
}

/** The entity's rate column of each token type. */
export const RATE_FIELD: Readonly<Record<keyof TokenRates, keyof ModelPrice>> = {
  input: 'inputPer1M',
  output: 'outputPer1M',
  cacheRead: 'cacheReadPer1M',
  cacheWrite5m: 'cacheWrite5mPer1M',
  cacheWrite1h: 'cacheWrite1hPer1M',
  audioInput: 'audioInputPer1M',
  audioOutput: 'audioOutputPer1M',
  cacheReadAudio: 'cacheReadAudioPer1M',
  imageInput: 'imageInputPer1M',
  cacheReadImage: 'cacheReadImagePer1M',
  reasoning: 'reasoningPer1M',
};

/** "3.7500000000" (numeric as pg returns it) → "3.75", so equal prices compare and hash equal. */
export function canonicalRate(value: string | number | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return toDecimalString(decimal(value));
}

function canonicalRates(rates: Partial<Record<keyof TokenRates, string | number | null>>): TokenRates {
  const out = {} as TokenRates;
  for (const type of TOKEN_TYPES) out[type] = canonicalRate(rates[type]);
  return out;
}

export function canonicalTiers(tiers: readonly PriceTier[]): PriceTier[] {
  return [...tiers]
    .sort((a, b) => a.aboveInputTokens - b.aboveInputTokens)
    .map((t) => ({ aboveInputTokens: t.aboveInputTokens, rates: canonicalRates(t.rates) }));
}

export function toStoredPrice(row: ModelPrice): StoredPrice {
  const rates: Partial<Record<keyof TokenRates, string | null>> = {};
  for (const type of TOKEN_TYPES) rates[type] = row[RATE_FIELD[type]] as string | null;
  return {
    id: row.id,
    provider: row.provider,
    model: row.model,
    source: row.source,
    ownerId: row.ownerId,
    catalogueVersion: row.catalogueVersion,
    matchRule: (row.matchRule as MatchRule | null) ?? null,
    matchOrder: row.matchOrder,
    effectiveFrom: new Date(row.effectiveFrom).toISOString(),
    timeOfDay: row.timeOfDayStart !== null && row.timeOfDayEnd !== null ? { start: row.timeOfDayStart, end: row.timeOfDayEnd } : null,
    rates: canonicalRates(rates),
    tiers: canonicalTiers((row.tiers as PriceTier[] | null) ?? []),
    perRequest: canonicalRate(row.perRequestUsd),
    otherPrices: (row.otherPrices as Record<string, unknown> | null) ?? {},
    createdAt: new Date(row.createdAt).toISOString(),
  };
}

/** The columns of a new version, rates as exact decimal strings. */
export function priceColumns(price: Pick<PriceRow, 'rates' | 'tiers' | 'perRequest' | 'timeOfDay' | 'otherPrices'>): Partial<ModelPrice> {
  const columns: Partial<Record<keyof ModelPrice, unknown>> = {};
  for (const type of TOKEN_TYPES) columns[RATE_FIELD[type]] = canonicalRate(price.rates[type]);
  columns.perRequestUsd = canonicalRate(price.perRequest);
  columns.tiers = canonicalTiers(price.tiers);
  columns.otherPrices = price.otherPrices;
  columns.timeOfDayStart = price.timeOfDay?.start ?? null;
  columns.timeOfDayEnd = price.timeOfDay?.end ?? null;
  return columns as Partial<ModelPrice>;
}
