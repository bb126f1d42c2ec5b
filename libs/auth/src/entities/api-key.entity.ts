import { ArrayType, Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import type { Scope } from '@fleetwatch/common';
import { ApiKeyRepository } from '../repositories/api-key.repository';

@Entity({ tableName: 'api_keys', repository: () => ApiKeyRepository })
export class ApiKey {
  [EntityRepositoryType]?: ApiKeyRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text' })
  name!: string;

  /** The public part of the key, unique: the lookup index. */
  @Property({ type: 'text' })
  prefix!: string;

  /** SHA-256 of the secret part; the key itself is never stored. */
  @Property({ type: 'text', hidden: true })
  keyHash!: string;

  /** Bound agent: telemetry sent with this key belongs to it unless it names another (refused). */
  @Property({ type: 'uuid', nullable: true })
  agentId: string | null = null;

  @Property({ type: ArrayType, columnType: 'text[]' })
  scopes!: Scope[];

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null = null;
}
