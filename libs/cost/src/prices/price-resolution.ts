import { decimal, multiply, roundTo, shiftLeft, toDecimalString } from '../pricing/exact-decimal';
import type { CatalogueProvider } from '../pricing/catalogue.types';
import { resolveModel } from '../pricing/model-match';
import { priceInForce } from '../pricing/price-in-force';
import { costParts, type CostParts } from '../pricing/cost-parts';
import { usageCost, type CostLine, type TokenUsage } from '../pricing/usage-cost';
import type { PriceSource } from '../entities/model-price.entity';
import type { StoredPrice } from './stored-price';

/** What pricing needs to know about one LLM call. */
export interface CallToPrice {
  /** Owner of the call's agent: their own prices win for their agents only. Null: no owner prices. */
  ownerId: string | null;
  /** The model asked for. */
  model: string | null;
  /** The model that answered (a dated snapshot, typically); tried first. */
  responseModel?: string | null;
  provider?: string | null;
  usage: TokenUsage;
  /** Sent by the client: wins over every price. */
  costUsd?: number | null;
  timestamp: Date;
}

export type RateSource = 'model' | 'fallback' | 'client';

export interface PricedCall {
  /** Exact USD rounded to 10 places, as numeric(20, 10) stores it. */
  costUsd: string;
  rateSource: RateSource;
  /** Which model price applied (rate_source 'model' only). */
  priceSource: PriceSource | null;
  /** The catalogue version of a catalogue price. */
  priceVersion: string | null;
  /** Provider of the applied price, so a call sent without one can be labelled. */
  provider: string | null;
  /** Per-type lines of a priced call (empty for client and fallback costs). */
  lines: CostLine[];
  /** The stored cost split by type (llm_calls.cost_lines), Σ = costUsd exactly; null for client and fallback costs. */
  costParts: CostParts | null;
}

/** The stored column is numeric(20, 10): round the same way before it gets there. */
export function roundCost(usd: number): number {
  return Number(usd.toFixed(10));
}

function stored(cost: string): string {
  return toDecimalString(roundTo(decimal(cost), 10));
}

export function fallbackCost(per1k: number, usage: Pick<TokenUsage, 'input' | 'output'>): string {
  return stored(toDecimalString(shiftLeft(multiply(decimal(usage.input + usage.output), decimal(per1k)), 3)));
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * Every price version, indexed for many lookups. A call is priced by the first of: the owner's own
 * price, an admin override, the catalogue's price — each the version in force at the call's
 * timestamp. Overrides are named by model: they apply to a call whose responseModel or model has
 * that name, or whose name the catalogue resolves to that model (so an override of `gpt-4o-mini`
 * covers `gpt-4o-mini-2024-07-18`).
 */
export class PriceIndex {
  private readonly catalogue = new Map<string, StoredPrice[]>();
  private readonly admin = new Map<string, StoredPrice[]>();
  private readonly owner = new Map<string, StoredPrice[]>();
  /** Name → catalogue model, per distinct (responseModel, model, provider): matching walks every rule. */
  private readonly matches = new Map<string, ReturnType<typeof resolveModel>>();

  constructor(
    readonly providers: readonly CatalogueProvider[],
    rows: readonly StoredPrice[],
  ) {
    for (const row of rows) {
      if (row.source === 'catalogue') push(this.catalogue, `${row.provider ?? ''}\u0000${row.model}`, row);
      else if (row.source === 'admin') push(this.admin, row.model.toLowerCase(), row);
      else push(this.owner, `${row.ownerId}\u0000${row.model.toLowerCase()}`, row);
    }
  }

  /** The version that prices the call, or null (then the fallback applies). */
  resolve(call: Omit<CallToPrice, 'usage' | 'costUsd'>): StoredPrice | null {
    const match = this.match(call);
    const names = [call.responseModel, call.model, match?.model]
      .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
      .map((n) => n.toLowerCase());
    if (call.ownerId !== null) {
      for (const name of names) {
        const found = priceInForce(this.owner.get(`${call.ownerId}\u0000${name}`) ?? [], call.timestamp);
        if (found) return found;
      }
    }
    for (const name of names) {
      const found = priceInForce(this.admin.get(name) ?? [], call.timestamp);
      if (found) return found;
    }
    if (!match) return null;
    return priceInForce(this.catalogue.get(`${match.provider}\u0000${match.model}`) ?? [], call.timestamp);
  }

  private match(call: Omit<CallToPrice, 'usage' | 'costUsd'>): ReturnType<typeof resolveModel> {
    const key = `${call.responseModel ?? ''}\u0000${call.model ?? ''}\u0000${call.provider ?? ''}`;
    const known = this.matches.get(key);
    if (known !== undefined || this.matches.has(key)) return known ?? null;
    // Bounded: a client inventing a new model name per call must not grow memory without end.
    if (this.matches.size >= 10_000) this.matches.clear();
    const found = resolveModel(this.providers, call);
    this.matches.set(key, found);
    return found;
  }

  price(call: CallToPrice, fallbackPer1k: number): PricedCall {
    const price = this.resolve(call);
    if (call.costUsd !== undefined && call.costUsd !== null) {
      return {
        costUsd: stored(String(call.costUsd)),
        rateSource: 'client',
        priceSource: null,
        priceVersion: null,
        provider: price?.provider ?? null,
        lines: [],
        costParts: null,
      };
    }
    if (price) {
      const cost = usageCost(call.usage, price);
      const costUsd = stored(cost.cost);
      return {
        costUsd,
        rateSource: 'model',
        priceSource: price.source,
        priceVersion: price.catalogueVersion,
        provider: price.provider,
        lines: cost.lines,
        costParts: costParts(cost.lines, cost.requestFee, costUsd),
      };
    }
    return {
      costUsd: fallbackCost(fallbackPer1k, call.usage),
      rateSource: 'fallback',
      priceSource: null,
      priceVersion: null,
      provider: null,
      lines: [],
      costParts: null,
    };
  }
}
