import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { ModelPriceRepository } from '../repositories/model-price.repository';

export type PriceSource = 'catalogue' | 'admin' | 'owner';

/**
 * One version of one model's price: from the catalogue (`prices:sync`), an admin override, or an
 * owner's own negotiated price. Numeric columns stay decimal strings as pg returns them; a null
 * rate means "no separate rate": those tokens are billed inside their parent type.
 */
@Entity({ tableName: 'model_prices', repository: () => ModelPriceRepository })
export class ModelPrice {
  [EntityRepositoryType]?: ModelPriceRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'text' })
  model!: string;

  @Property({ type: 'text', nullable: true })
  provider: string | null = null;

  @Property({ type: 'text' })
  source!: PriceSource;

  @Property({ type: 'uuid', nullable: true })
  ownerId: string | null = null;

  @Property({ type: 'text', nullable: true })
  catalogueVersion: string | null = null;

  @Property({ type: 'json', nullable: true })
  matchRule: unknown = null;

  @Property({ type: 'integer', nullable: true })
  matchOrder: number | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  catalogueEffectiveFrom: Date | null = null;

  @Property({ type: 'text', nullable: true })
  contentHash: string | null = null;

  @Property({ type: 'text', nullable: true })
  timeOfDayStart: string | null = null;

  @Property({ type: 'text', nullable: true })
  timeOfDayEnd: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'input_per_1m', nullable: true })
  inputPer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'output_per_1m', nullable: true })
  outputPer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'cache_read_per_1m', nullable: true })
  cacheReadPer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'cache_write_5m_per_1m', nullable: true })
  cacheWrite5mPer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'cache_write_1h_per_1m', nullable: true })
  cacheWrite1hPer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'audio_input_per_1m', nullable: true })
  audioInputPer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'audio_output_per_1m', nullable: true })
  audioOutputPer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'cache_read_audio_per_1m', nullable: true })
  cacheReadAudioPer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'image_input_per_1m', nullable: true })
  imageInputPer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'cache_read_image_per_1m', nullable: true })
  cacheReadImagePer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'reasoning_per_1m', nullable: true })
  reasoningPer1M: string | null = null;

  @Property({ type: 'decimal', columnType: 'numeric', fieldName: 'per_request_usd', nullable: true })
  perRequestUsd: string | null = null;

  @Property({ type: 'json' })
  tiers: unknown = [];

  @Property({ type: 'json' })
  otherPrices: unknown = {};

  @Property({ type: 'timestamptz' })
  effectiveFrom!: Date;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
