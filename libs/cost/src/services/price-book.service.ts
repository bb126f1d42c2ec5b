import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { ModelPriceDto } from '../dto/model-price.dto';
import { ModelPriceRepository } from '../repositories/model-price.repository';
import { CallToPrice, PricedCall, priceCalls, PriceIndex, PriceVersion } from '../prices/price-resolution';

export interface NewPriceVersion {
  model: string;
  provider: string | null;
  inputPer1M: number;
  outputPer1M: number;
  effectiveFrom: Date;
}

function toDto(v: PriceVersion): ModelPriceDto {
  return { model: v.model, provider: v.provider, inputPer1M: v.inputPer1M, outputPer1M: v.outputPer1M, effectiveFrom: v.effectiveFrom.toISOString() };
}

/**
 * Model prices, versioned by effectiveFrom. Pricing a batch costs one query (every version of the
 * batch's models), then each call takes the version in force at its own timestamp.
 */
@Injectable()
export class PriceBook {
  constructor(
    private readonly prices: ModelPriceRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * Cost and rate source per call, in input order. Client `costUsd` → 'client'; a model with a
   * price in force (exact name, else case-insensitive) → 'model'; otherwise COST_FALLBACK_PER_1K ×
   * (input + output tokens) / 1000 → 'fallback'. Pass a transactional EntityManager to read inside it.
   */
  async priceCalls(calls: readonly CallToPrice[], em?: EntityManager): Promise<PricedCall[]> {
    if (calls.length === 0) return [];
    const models = new Set<string>();
    for (const c of calls) if (c.model !== null) models.add(c.model);
    const index = new PriceIndex(models.size ? await this.prices.versionsOf([...models], em) : []);
    return priceCalls(calls, index, this.config.telemetry.costFallbackPer1k);
  }

  /** Prices in force at `at` (default now): one row per model, the latest version not after `at`. */
  async list(at?: Date): Promise<ModelPriceDto[]> {
    const rows = await this.prices.inForce(at ?? this.clock.now());
    return rows.map(toDto).sort((a, b) => (a.provider ?? '').localeCompare(b.provider ?? '') || a.model.localeCompare(b.model));
  }

  /** Adds a price version (history is kept); the same model and effectiveFrom replaces that version. */
  async addVersion(version: NewPriceVersion, em?: EntityManager): Promise<ModelPriceDto> {
    return toDto(await this.prices.put(version, em));
  }
}
