import { decimal, multiply, roundTo, shiftLeft, toDecimalString } from '../pricing/exact-decimal';
import type { CatalogueProvider } from '../pricing/catalogue.types';
import { resolveModel } from '../pricing/model-match';
import { priceInForce } from '../pricing/price-in-force';
import { costParts, type CostParts } from '../pricing/cost-parts';
import { storedUsageCost, type StoredCost } from '../pricing/stored-usage-cost';
import { usageCost, type TokenUsage } from '../pricing/usage-cost';
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

/** The bigint path, for the prices whose rates have too many places for whole 1e-10 USD units. */
function exactStoredCost(usage: TokenUsage, price: StoredPrice): StoredCost {
  const cost = usageCost(usage, price);
  const costUsd = stored(cost.cost);
  return { costUsd, costParts: costParts(cost.lines, cost.requestFee, costUsd) };
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
  /**
   * The version lists that may price a call, in order of precedence, per distinct (owner,
   * responseModel, model, provider): name matching walks every catalogue rule, and the ingest path
   * prices thousands of calls of a handful of names per batch.
   */
  private readonly candidates = new Map<string, ReadonlyArray<readonly StoredPrice[]>>();

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
    for (const versions of this.candidatesFor(call)) {
      const found = priceInForce(versions, call.timestamp);
      if (found) return found;
    }
    return null;
  }

  private candidatesFor(call: Omit<CallToPrice, 'usage' | 'costUsd'>): ReadonlyArray<readonly StoredPrice[]> {
    const key = `${call.ownerId ?? ''}\u0000${call.responseModel ?? ''}\u0000${call.model ?? ''}\u0000${call.provider ?? ''}`;
    const known = this.candidates.get(key);
    if (known) return known;
    const match = resolveModel(this.providers, call);
    const names = [call.responseModel, call.model, match?.model]
      .filter((n): n is string => typeof n === 'string' && n.trim() !== '')
      .map((n) => n.toLowerCase());
    // An override set for one provider prices that provider's calls first; one set for none prices
    // any provider's. It is skipped only for a call known (reported or resolved) to be another provider's.
    const providers = new Set([call.provider?.toLowerCase(), match?.provider.toLowerCase()].filter((p): p is string => !!p));
    const lists: Array<readonly StoredPrice[]> = [];
    const add = (list: readonly StoredPrice[] | undefined) => {
      if (list?.length) lists.push(list);
    };
    const addOverrides = (list: readonly StoredPrice[] | undefined) => {
      add(list?.filter((v) => v.provider !== null && (providers.size === 0 || providers.has(v.provider.toLowerCase()))));
      add(list?.filter((v) => v.provider === null));
    };
    if (call.ownerId !== null) for (const name of names) addOverrides(this.owner.get(`${call.ownerId}\u0000${name}`));
    for (const name of names) addOverrides(this.admin.get(name));
    if (match) add(this.catalogue.get(`${match.provider}\u0000${match.model}`));
    // Bounded: a client inventing a new model name per call must not grow memory without end.
    if (this.candidates.size >= 10_000) this.candidates.clear();
    this.candidates.set(key, lists);
    return lists;
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
        costParts: null,
      };
    }
    if (price) {
      const { costUsd, costParts } = storedUsageCost(call.usage, price) ?? exactStoredCost(call.usage, price);
      return { costUsd, rateSource: 'model', priceSource: price.source, priceVersion: price.catalogueVersion, provider: price.provider, costParts };
    }
    return {
      costUsd: fallbackCost(fallbackPer1k, call.usage),
      rateSource: 'fallback',
      priceSource: null,
      priceVersion: null,
      provider: null,
      costParts: null,
    };
  }
}
