import { decimal, toDecimalString } from './exact-decimal';
import { emptyRates, TOKEN_TYPES, type PriceTier, type TokenRates } from './catalogue.types';
import { PRICE_KEY_OF } from './token-units';

/** A catalogue price: a flat number, or a base with thresholds on the call's total input tokens. */
export type CataloguePrice = number | { base: number; tiers: Array<{ start: number; price: number }> };

export function isTiered(price: unknown): price is Exclude<CataloguePrice, number> {
  return typeof price === 'object' && price !== null && 'base' in price && 'tiers' in price;
}

function exact(n: number): string {
  return toDecimalString(decimal(n));
}

/** The price a catalogue value takes at `inputTokens` total input: the last tier the input exceeds. */
function priceAt(price: CataloguePrice, inputTokens: number): number {
  if (!isTiered(price)) return price;
  let applicable = price.base;
  for (const tier of [...price.tiers].sort((a, b) => a.start - b.start)) {
    if (inputTokens > tier.start) applicable = tier.price;
  }
  return applicable;
}

/**
 * Base rates plus one tier per distinct threshold of any price key. Each price key may have its own
 * thresholds, so a tier carries every type's rate in force above it: picking one tier by the input
 * size then gives the same rate per type as evaluating each key's own tiers.
 */
export function ratesWithTiers(prices: Readonly<Record<string, unknown>>): { rates: TokenRates; tiers: PriceTier[] } {
  const at = (inputTokens: number): TokenRates => {
    const rates = emptyRates();
    for (const type of TOKEN_TYPES) {
      const p = prices[PRICE_KEY_OF[type]];
      if (typeof p === 'number' || isTiered(p)) rates[type] = exact(priceAt(p, inputTokens));
    }
    return rates;
  };
  const thresholds = new Set<number>();
  for (const type of TOKEN_TYPES) {
    const p = prices[PRICE_KEY_OF[type]];
    if (isTiered(p)) for (const tier of p.tiers) thresholds.add(tier.start);
  }
  const sorted = [...thresholds].sort((a, b) => a - b);
  // Thresholds are whole token counts and a tier applies strictly above its start, so the rates
  // just above a threshold are those at threshold + 1.
  return { rates: at(0), tiers: sorted.map((t) => ({ aboveInputTokens: t, rates: at(t + 1) })) };
}

/** The tier whose threshold a call's total input exceeds the most, or null for the base rates (no allocation: the ingest path asks per call). */
export function tierAt(row: { tiers: readonly PriceTier[] }, inputTokens: number): PriceTier | null {
  let chosen: PriceTier | null = null;
  for (const tier of row.tiers) {
    if (inputTokens > tier.aboveInputTokens && (chosen === null || tier.aboveInputTokens > chosen.aboveInputTokens)) chosen = tier;
  }
  return chosen;
}

/**
 * The rates for a call with `inputTokens` total input (cache reads and writes included). The whole
 * call is billed at the chosen tier, not only the tokens above the threshold: that is how Anthropic
 * and Google bill long context, and how the catalogue's calculator applies its tiers.
 */
export function selectTier(
  row: { rates: TokenRates; tiers: readonly PriceTier[] },
  inputTokens: number,
): {
  rates: TokenRates;
  aboveInputTokens: number | null;
} {
  const tier = tierAt(row, inputTokens);
  return tier ? { rates: tier.rates, aboveInputTokens: tier.aboveInputTokens } : { rates: row.rates, aboveInputTokens: null };
}
