import { Entity, EntityRepositoryType, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { IdempotencyKeyRepository } from '../repositories/idempotency-key.repository';

export type IdempotencyKeyStatus = 'in_flight' | 'done';

/** One Idempotency-Key of one user: claimed `in_flight` before the write, `done` with the answer. */
@Entity({ tableName: 'idempotency_keys', repository: () => IdempotencyKeyRepository })
export class IdempotencyKey {
  [EntityRepositoryType]?: IdempotencyKeyRepository;
  [PrimaryKeyProp]?: ['userId', 'key'];

  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  requestHash!: string;

  @Property({ type: 'text' })
  status!: IdempotencyKeyStatus;

  @Property({ type: 'integer', nullable: true })
  responseStatus: number | null = null;

  @Property({ type: 'json', nullable: true })
  responseBody: unknown = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
