import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import type { PriceProvider } from '../entities/price-provider.entity';
import type { CatalogueProvider, MatchRule } from '../pricing/catalogue.types';

export class PriceProviderRepository extends EntityRepository<PriceProvider> {
  /** The catalogue's providers in catalogue order (the order matching tries them in). */
  async all(em: EntityManager = this.getEntityManager()): Promise<CatalogueProvider[]> {
    const rows = await em.find<PriceProvider>(this.getEntityName(), {}, { orderBy: { position: 'asc' }, disableIdentityMap: true });
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      providerMatch: (r.providerMatch as MatchRule | null) ?? null,
      modelMatch: (r.modelMatch as MatchRule | null) ?? null,
      fallbackModelProviders: r.fallbackModelProviders,
      models: (r.models as Array<{ id: string; match: MatchRule }> | null) ?? [],
    }));
  }
}
