import { ArrayType, Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { Aggregation, Comparator, NoDataMode, Severity } from '../alerts.constants';
import { AlertRuleRepository } from '../repositories/alert-rule.repository';

@Entity({ tableName: 'alert_rules', repository: () => AlertRuleRepository })
export class AlertRule {
  [EntityRepositoryType]?: AlertRuleRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  metric!: string;

  @Property({ type: 'text' })
  aggregation!: Aggregation;

  @Property({ type: 'text' })
  comparator!: Comparator;

  @Property({ type: 'double', runtimeType: 'number' })
  threshold!: number;

  @Property({ type: 'integer' })
  windowMinutes!: number;

  @Property({ type: 'integer' })
  forMinutes = 0;

  @Property({ type: 'integer' })
  keepFiringForMinutes = 0;

  @Property({ type: 'text' })
  noData: NoDataMode = 'ok';

  @Property({ type: 'text' })
  severity: Severity = 'warning';

  /** Null: every agent of the owner. */
  @Property({ type: 'uuid', nullable: true })
  agentId: string | null = null;

  // The column is uuid[]; MikroORM's array type declares text[], and PostgreSQL casts the literal.
  @Property({ type: ArrayType })
  channelIds: string[] = [];

  @Property({ type: 'boolean' })
  enabled = true;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
