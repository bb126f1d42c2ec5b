import { raw } from '@mikro-orm/core';
import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { newId } from '@fleetwatch/common';
import type { ModelPrice } from '../entities/model-price.entity';
import { PriceVersion } from '../prices/price-resolution';
import { PRICES_IN_FORCE_SQL } from './model-price.sql';

function toVersion(row: ModelPrice): PriceVersion {
  return {
    model: row.model,
    provider: row.provider,
    inputPer1M: Number(row.inputPer1M),
    outputPer1M: Number(row.outputPer1M),
    effectiveFrom: new Date(row.effectiveFrom),
  };
}

export class ModelPriceRepository extends EntityRepository<ModelPrice> {
  /** Every version of the named models, matched case-insensitively (resolution picks the spelling). */
  async versionsOf(models: readonly string[], em: EntityManager = this.getEntityManager()): Promise<PriceVersion[]> {
    if (models.length === 0) return [];
    const lower = [...new Set(models.map((m) => m.toLowerCase()))];
    const rows = await em.find<ModelPrice>(this.getEntityName(), { [raw('lower(model)')]: { $in: lower } }, { disableIdentityMap: true });
    return rows.map(toVersion);
  }

  /** Per model, the version in force at `at` (greatest effectiveFrom <= at). */
  async inForce(at: Date): Promise<PriceVersion[]> {
    const em = this.getEntityManager();
    const rows = await em.getConnection().execute<Record<string, unknown>[]>(PRICES_IN_FORCE_SQL, [at]);
    return rows.map((row) => toVersion(em.map<ModelPrice>(this.getEntityName(), row)));
  }

  /** A version for (model, effectiveFrom); the same pair again replaces that version's figures. */
  async put(version: PriceVersion, em: EntityManager = this.getEntityManager()): Promise<PriceVersion> {
    const row = await em.upsert<ModelPrice>(
      this.getEntityName(),
      {
        id: newId(),
        model: version.model,
        provider: version.provider,
        inputPer1M: String(version.inputPer1M),
        outputPer1M: String(version.outputPer1M),
        effectiveFrom: version.effectiveFrom,
      },
      { onConflictFields: ['model', 'effectiveFrom'], onConflictAction: 'merge', onConflictMergeFields: ['provider', 'inputPer1M', 'outputPer1M'] },
    );
    return toVersion(row);
  }
}
