import { decimal, multiply, shiftLeft, toDecimalString } from './exact-decimal';
import type { CatalogueProvider, PriceRow } from './catalogue.types';
import { resolveModel, type ModelToResolve, type ResolvedModel } from './model-match';
import { priceInForce } from './price-in-force';
import { usageCost, validateUsage, type TokenUsage, type UsageCost } from './usage-cost';

export interface CallToPrice extends ModelToResolve {
  usage: TokenUsage;
  timestamp: Date;
}

export type CallPrice =
  | ({ priced: true; match: ResolvedModel; price: PriceRow } & UsageCost)
  | {
      priced: false;
      /** COST_FALLBACK_PER_1K × (input + output tokens) / 1000. */
      cost: string;
      /** A known model whose every price starts after the call still counts as unpriced. */
      reason: 'unknown model' | 'no price in force';
      match: ResolvedModel | null;
    };

/** Prices calls against one catalogue: its provider rules for matching, its rows for rates. */
export class PriceBook {
  private readonly versions = new Map<string, PriceRow[]>();

  constructor(
    private readonly providers: readonly CatalogueProvider[],
    rows: readonly PriceRow[],
  ) {
    for (const row of rows) {
      const key = PriceBook.key(row.provider, row.model);
      const list = this.versions.get(key);
      if (list) list.push(row);
      else this.versions.set(key, [row]);
    }
  }

  private static key(provider: string, model: string): string {
    return `${provider}\u0000${model}`;
  }

  price(call: CallToPrice, fallbackPer1k: number): CallPrice {
    validateUsage(call.usage);
    const match = resolveModel(this.providers, call);
    const row = match ? priceInForce(this.versions.get(PriceBook.key(match.provider, match.model)) ?? [], call.timestamp) : null;
    if (match && row) return { priced: true, match, price: row, ...usageCost(call.usage, row) };
    const tokens = decimal(call.usage.input + call.usage.output);
    const cost = toDecimalString(shiftLeft(multiply(tokens, decimal(fallbackPer1k)), 3));
    return { priced: false, cost, reason: match ? 'no price in force' : 'unknown model', match };
  }
}
