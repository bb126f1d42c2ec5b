import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { AlertStatus, Severity } from '../alerts.constants';
import { AlertRepository } from '../repositories/alert.repository';

/**
 * One (rule, agent) alert. Rows are written by the transition writer's set-based upsert (ticks and
 * people's actions alike), so the entity serves reads and the row type of the raw statements.
 */
@Entity({ tableName: 'alerts', repository: () => AlertRepository })
export class Alert {
  [EntityRepositoryType]?: AlertRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  ruleId!: string;

  @Property({ type: 'uuid' })
  agentId!: string;

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Property({ type: 'text' })
  status!: AlertStatus;

  /** Snapshot of the rule's severity when the alert started. */
  @Property({ type: 'text' })
  severity!: Severity;

  @Property({ type: 'double', runtimeType: 'number', nullable: true })
  value: number | null = null;

  @Property({ type: 'double', runtimeType: 'number' })
  threshold!: number;

  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  firedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  acknowledgedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  acknowledgedBy: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  resolvedAt: Date | null = null;

  @Property({ type: 'text', nullable: true })
  resolvedBy: string | null = null;

  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  falseSince: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastNotifiedAt: Date | null = null;
}
