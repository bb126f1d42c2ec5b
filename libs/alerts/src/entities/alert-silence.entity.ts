import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { Severity } from '../alerts.constants';
import { AlertSilenceRepository } from '../repositories/alert-silence.repository';

@Entity({ tableName: 'alert_silences', repository: () => AlertSilenceRepository })
export class AlertSilence {
  [EntityRepositoryType]?: AlertSilenceRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  ownerId!: string;

  /** An admin's silence matches every owner's alerts. */
  @Property({ type: 'boolean' })
  appliesToAll = false;

  @Property({ type: 'uuid', nullable: true })
  ruleId: string | null = null;

  @Property({ type: 'uuid', nullable: true })
  agentId: string | null = null;

  @Property({ type: 'text', nullable: true })
  severity: Severity | null = null;

  @Property({ type: 'timestamptz' })
  startsAt!: Date;

  @Property({ type: 'timestamptz' })
  endsAt!: Date;

  @Property({ type: 'text' })
  comment!: string;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;
}
