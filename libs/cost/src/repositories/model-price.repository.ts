import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { newId } from '@fleetwatch/common';
import type { ModelPrice } from '../entities/model-price.entity';
import type { PriceRow } from '../pricing/catalogue.types';
import { priceColumns, toStoredPrice, type StoredPrice } from '../prices/stored-price';
import { PRICE_REVISION_SQL, UPSERT_OVERRIDE_SQL } from './model-price.sql';
import { priceListQuery, type PriceListFilter } from './price-list.sql';

export interface OverrideVersion extends Pick<PriceRow, 'rates' | 'tiers' | 'perRequest' | 'timeOfDay' | 'otherPrices'> {
  source: 'admin' | 'owner';
  ownerId: string | null;
  model: string;
  provider: string | null;
  effectiveFrom: Date;
}

/** entity property name → column name, for the JSON record the upsert reads. */
function snake(name: string): string {
  return name.replace(/[A-Z0-9]+/g, (m, offset: number) => (offset ? '_' : '') + m.toLowerCase());
}

export class ModelPriceRepository extends EntityRepository<ModelPrice> {
  /** A short text that changes with any price change (cheap enough to ask per ingest batch). */
  async revision(em: EntityManager = this.getEntityManager()): Promise<string> {
    const [row] = await em.getConnection().execute<{ revision: string }[]>(PRICE_REVISION_SQL);
    return row.revision;
  }

  /** Every version of every kind (a few thousand rows): the price cache is built from it. */
  async all(em: EntityManager = this.getEntityManager()): Promise<StoredPrice[]> {
    const rows = await em.find<ModelPrice>(this.getEntityName(), {}, { disableIdentityMap: true });
    return rows.map(toStoredPrice);
  }

  /** A page of versions (see priceListQuery) with each one's keyset position, to the microsecond. */
  async page(filter: PriceListFilter, after: { at: string; id: string } | undefined, limit: number): Promise<Array<{ price: StoredPrice; cursorAt: string }>> {
    const em = this.getEntityManager();
    const { sql, params } = priceListQuery(filter, after, limit);
    const rows = await em.getConnection().execute<Array<Record<string, unknown> & { cursor_at: string }>>(sql, params);
    return rows.map(({ cursor_at, ...row }) => ({ price: toStoredPrice(em.map<ModelPrice>(this.getEntityName(), row)), cursorAt: cursor_at }));
  }

  /** An admin or owner version for (model, provider, effectiveFrom); the same key again replaces its figures. */
  async putOverride(version: OverrideVersion, em: EntityManager = this.getEntityManager()): Promise<StoredPrice> {
    const record: Record<string, unknown> = {
      id: newId(),
      model: version.model,
      provider: version.provider,
      source: version.source,
      owner_id: version.ownerId,
      effective_from: version.effectiveFrom.toISOString(),
    };
    for (const [key, value] of Object.entries(priceColumns(version))) record[snake(key)] = value;
    const [row] = await em.getConnection().execute<Array<{ id: string }>>(UPSERT_OVERRIDE_SQL, [JSON.stringify(record)]);
    return toStoredPrice(await em.findOneOrFail<ModelPrice>(this.getEntityName(), { id: row.id }, { disableIdentityMap: true }));
  }

  /** An owner's versions of one model (any spelling case), newest first. */
  async ownerVersions(ownerId: string, model?: string, em: EntityManager = this.getEntityManager()): Promise<StoredPrice[]> {
    const where: Record<string, unknown> = { source: 'owner', ownerId };
    const rows = await em.find<ModelPrice>(this.getEntityName(), where, { orderBy: { model: 'asc', effectiveFrom: 'desc' }, disableIdentityMap: true });
    const lower = model?.toLowerCase();
    return rows.map(toStoredPrice).filter((r) => lower === undefined || r.model.toLowerCase() === lower);
  }

  /** Removes an owner's every version of a model; answers how many went. */
  async deleteOwnerModel(ownerId: string, model: string, em: EntityManager = this.getEntityManager()): Promise<number> {
    const ids = (await this.ownerVersions(ownerId, model, em)).map((r) => r.id);
    if (ids.length === 0) return 0;
    return em.nativeDelete<ModelPrice>(this.getEntityName(), { id: { $in: ids } });
  }
}
