import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { ModelPriceRepository } from '../repositories/model-price.repository';

/** One version of a model's list price; numeric columns stay decimal strings as pg returns them. */
@Entity({ tableName: 'model_prices', repository: () => ModelPriceRepository })
export class ModelPrice {
  [EntityRepositoryType]?: ModelPriceRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  model!: string;

  @Property({ type: 'text', nullable: true })
  provider: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'input_per_1m' })
  inputPer1M!: string;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'output_per_1m' })
  outputPer1M!: string;

  @Property({ type: 'timestamptz' })
  effectiveFrom!: Date;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
