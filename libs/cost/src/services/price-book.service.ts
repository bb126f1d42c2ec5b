import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { ModelPriceRepository, OverrideVersion } from '../repositories/model-price.repository';
import { PriceProviderRepository } from '../repositories/price-provider.repository';
import { CallToPrice, PricedCall, PriceIndex } from '../prices/price-resolution';
import type { StoredPrice } from '../prices/stored-price';

/**
 * Model prices (catalogue, admin and owner versions) and the pricing of calls. The index of every
 * version is built once and rebuilt only when the price revision (a counter every write to the
 * price tables moves) changes, so pricing a batch costs one primary-key read.
 */
@Injectable()
export class PriceBook {
  private cached: { revision: string; index: PriceIndex } | null = null;
  private building: Promise<{ revision: string; index: PriceIndex }> | null = null;

  constructor(
    private readonly prices: ModelPriceRepository,
    private readonly providers: PriceProviderRepository,
    private readonly config: AppConfig,
  ) {}

  /** The current index; pass a transactional EntityManager to read inside it. */
  async index(em?: EntityManager): Promise<PriceIndex> {
    const revision = await this.prices.revision(em);
    for (;;) {
      if (this.cached?.revision === revision) return this.cached.index;
      // One rebuild at a time per process: concurrent batches wait for the same load. A caller
      // that saw a newer revision than the load under way was started for loads again after it.
      // Read through `em` when given, so a caller inside a transaction needs no second connection.
      const built = await (this.building ??= this.build(revision, em).finally(() => (this.building = null)));
      if (this.cached === null || Number(built.revision) >= Number(this.cached.revision)) this.cached = built;
      if (built.revision === revision) return built.index;
    }
  }

  private async build(revision: string, em?: EntityManager): Promise<{ revision: string; index: PriceIndex }> {
    const providers = await this.providers.all(em);
    const rows = await this.prices.all(em);
    return { revision, index: new PriceIndex(providers, rows) };
  }

  /** Cost, rate source and price source per call, in input order (see PriceIndex for the rules). */
  async priceCalls(calls: readonly CallToPrice[], em?: EntityManager): Promise<PricedCall[]> {
    if (calls.length === 0) return [];
    const index = await this.index(em);
    const fallback = this.config.telemetry.costFallbackPer1k;
    return calls.map((call) => index.price(call, fallback));
  }

  /** Prices calls against an index fetched earlier (null only when there are no calls). */
  priceWith(index: PriceIndex | null, calls: readonly CallToPrice[]): PricedCall[] {
    if (calls.length === 0) return [];
    if (index === null) throw new Error('priceWith needs the price index when there are calls');
    const fallback = this.config.telemetry.costFallbackPer1k;
    return calls.map((call) => index.price(call, fallback));
  }

  /** Adds an admin or owner version (history is kept); the same key again replaces that version. */
  async addVersion(version: OverrideVersion, em?: EntityManager): Promise<StoredPrice> {
    return this.prices.putOverride(version, em);
  }
}
