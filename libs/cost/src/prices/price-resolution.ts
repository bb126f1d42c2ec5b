/** One version of a model's list price. */
export interface PriceVersion {
  model: string;
  provider: string | null;
  inputPer1M: number;
  outputPer1M: number;
  effectiveFrom: Date;
}

/** What pricing needs to know about one LLM call. */
export interface CallToPrice {
  model: string | null;
  inputTokens: number;
  outputTokens: number;
  /** Sent by the client: wins over every price. */
  costUsd?: number | null;
  timestamp: Date;
}

export type RateSource = 'model' | 'fallback' | 'client';

export interface PricedCall {
  costUsd: number;
  rateSource: RateSource;
  /** Provider of the matched price, so a call without one can be labelled. */
  provider: string | null;
}

/** The stored column is numeric(20, 10): round the same way before it gets there. */
export function roundCost(usd: number): number {
  return Number(usd.toFixed(10));
}

export function costFromPrice(price: Pick<PriceVersion, 'inputPer1M' | 'outputPer1M'>, inputTokens: number, outputTokens: number): number {
  return roundCost((inputTokens * price.inputPer1M + outputTokens * price.outputPer1M) / 1_000_000);
}

export function fallbackCost(per1k: number, inputTokens: number, outputTokens: number): number {
  return roundCost((per1k * (inputTokens + outputTokens)) / 1000);
}

/** Versions grouped by lower-cased model name, newest first, ready for many lookups. */
export class PriceIndex {
  private readonly byLowerModel = new Map<string, PriceVersion[]>();

  constructor(versions: readonly PriceVersion[]) {
    for (const v of versions) {
      const key = v.model.toLowerCase();
      const list = this.byLowerModel.get(key);
      if (list) list.push(v);
      else this.byLowerModel.set(key, [v]);
    }
    for (const list of this.byLowerModel.values()) list.sort((a, b) => b.effectiveFrom.getTime() - a.effectiveFrom.getTime());
  }

  /**
   * The price in force at `at` (greatest effectiveFrom <= at). A model spelled exactly as stored
   * wins; only when no exact spelling has a version in force does a case-insensitive match count.
   */
  resolve(model: string, at: Date): PriceVersion | undefined {
    const list = this.byLowerModel.get(model.toLowerCase());
    if (!list) return undefined;
    const t = at.getTime();
    let insensitive: PriceVersion | undefined;
    for (const v of list) {
      if (v.effectiveFrom.getTime() > t) continue;
      if (v.model === model) return v;
      insensitive ??= v;
    }
    return insensitive;
  }
}

/** Prices calls against an index; the client's cost wins, an unknown model falls back per 1k tokens. */
export function priceCalls(calls: readonly CallToPrice[], index: PriceIndex, fallbackPer1k: number): PricedCall[] {
  return calls.map((call) => {
    const price = call.model === null ? undefined : index.resolve(call.model, call.timestamp);
    if (call.costUsd !== undefined && call.costUsd !== null) {
      return { costUsd: roundCost(call.costUsd), rateSource: 'client', provider: price?.provider ?? null };
    }
    if (price) return { costUsd: costFromPrice(price, call.inputTokens, call.outputTokens), rateSource: 'model', provider: price.provider };
    return { costUsd: fallbackCost(fallbackPer1k, call.inputTokens, call.outputTokens), rateSource: 'fallback', provider: null };
  });
}
