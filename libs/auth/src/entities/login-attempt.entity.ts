import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { LoginAttemptRepository } from '../repositories/login-attempt.repository';

/** Throttling state of one login key (pair, address or account); see LoginLimiter. */
@Entity({ tableName: 'login_attempts', repository: () => LoginAttemptRepository })
export class LoginAttempt {
  [EntityRepositoryType]?: LoginAttemptRepository;

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'timestamptz' })
  windowStartedAt!: Date;

  @Property({ type: 'integer' })
  attempts!: number;

  @Property({ type: 'timestamptz' })
  nextAttemptAt!: Date;
}
