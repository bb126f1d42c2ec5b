import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { PriceProviderRepository } from '../repositories/price-provider.repository';

/** A catalogue provider's matching rules (not a price: `prices:sync` keeps it current in place). */
@Entity({ tableName: 'price_providers', repository: () => PriceProviderRepository })
export class PriceProvider {
  [EntityRepositoryType]?: PriceProviderRepository;

  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'json', nullable: true })
  providerMatch: unknown = null;

  @Property({ type: 'json', nullable: true })
  modelMatch: unknown = null;

  @Property({ type: 'text[]' })
  fallbackModelProviders: string[] = [];

  /** The provider's models in catalogue order, each with its name rule: the first match wins. */
  @Property({ type: 'json' })
  models: unknown = [];

  @Property({ type: 'integer' })
  position!: number;

  @Property({ type: 'text' })
  catalogueVersion!: string;

  @Property({ type: 'timestamptz' })
  syncedAt!: Date;
}
