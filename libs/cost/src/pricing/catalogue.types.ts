/**
 * Fleetwatch's own shape of a price catalogue, independent of the package it is read from, so the
 * same matching and pricing code runs on rows loaded from the database.
 */

/** A model-name rule, the catalogue's MatchLogic kept verbatim (stored as JSON). */
export type MatchRule =
  { equals: string } | { starts_with: string } | { ends_with: string } | { contains: string } | { regex: string } | { and: MatchRule[] } | { or: MatchRule[] };

/**
 * USD per million tokens, as exact decimal strings. `null` means the catalogue has no separate rate
 * for that type: its tokens stay inside the parent total (cache reads inside input, reasoning inside
 * output, …) and are billed at the parent's rate, as the catalogue's own calculator does.
 */
export interface TokenRates {
  input: string | null;
  output: string | null;
  cacheRead: string | null;
  /** The catalogue's cache_write_mtok: the 5-minute write price, and every write's when no 1h price exists. */
  cacheWrite5m: string | null;
  cacheWrite1h: string | null;
  audioInput: string | null;
  audioOutput: string | null;
  /** Cache reads of audio / image tokens (OpenAI realtime and image models price them apart). */
  cacheReadAudio: string | null;
  imageInput: string | null;
  cacheReadImage: string | null;
  reasoning: string | null;
}

export type TokenType = keyof TokenRates;

export const TOKEN_TYPES: readonly TokenType[] = [
  'input',
  'output',
  'cacheRead',
  'cacheWrite5m',
  'cacheWrite1h',
  'audioInput',
  'audioOutput',
  'cacheReadAudio',
  'imageInput',
  'cacheReadImage',
  'reasoning',
];

/** Rates that replace the base rates once a call's total input exceeds `aboveInputTokens`. */
export interface PriceTier {
  aboveInputTokens: number;
  rates: TokenRates;
}

/** A UTC time-of-day window (DeepSeek's peak / off-peak prices), `end` exclusive, may wrap midnight. */
export interface TimeOfDayWindow {
  start: string;
  end: string;
}

/** One price version of one catalogue model. */
export interface PriceRow {
  provider: string;
  /** The catalogue's model id (not a name a client sends: those are matched with `matchRule`). */
  model: string;
  matchRule: MatchRule;
  /** Position of the model in its provider's list: the first matching model wins. */
  matchOrder: number;
  /** ISO instant; the catalogue's unconditional price gets UNCONDITIONAL_EFFECTIVE_FROM. */
  effectiveFrom: string;
  /** Set only for a time-of-day price, which wins over the dated price while the window is open. */
  timeOfDay: TimeOfDayWindow | null;
  rates: TokenRates;
  /** Ascending by threshold. */
  tiers: PriceTier[];
  /** USD per request, charged once per call. */
  perRequest: string | null;
  /** Price keys Fleetwatch does not meter yet (web searches, pages, audio hours…), kept verbatim. */
  otherPrices: Record<string, unknown>;
  catalogueVersion: string;
}

/** How a provider is found and which models it may borrow, in catalogue order. */
export interface CatalogueProvider {
  id: string;
  name: string;
  providerMatch: MatchRule | null;
  modelMatch: MatchRule | null;
  fallbackModelProviders: string[];
  models: Array<{ id: string; match: MatchRule }>;
}

export interface Catalogue {
  version: string;
  /** Catalogue order matters: providers are tried first to last. */
  providers: CatalogueProvider[];
  prices: PriceRow[];
  /** Models the conversion could not represent faithfully, with the reason. */
  skipped: Array<{ provider: string; model: string; reason: string }>;
}

/** Unconditional catalogue prices have no start date: they apply to every call before a dated one. */
export const UNCONDITIONAL_EFFECTIVE_FROM = '1970-01-01T00:00:00.000Z';

export function emptyRates(): TokenRates {
  return {
    input: null,
    output: null,
    cacheRead: null,
    cacheWrite5m: null,
    cacheWrite1h: null,
    audioInput: null,
    audioOutput: null,
    cacheReadAudio: null,
    imageInput: null,
    cacheReadImage: null,
    reasoning: null,
  };
}
