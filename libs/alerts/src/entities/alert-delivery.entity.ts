import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { DeliveryStatus, NotifyEvent } from '../alerts.constants';
import { AlertDeliveryRepository } from '../repositories/alert-delivery.repository';

/** One outbox row: written by the transition writer, claimed and updated set-based by the sender. */
@Entity({ tableName: 'alert_deliveries', repository: () => AlertDeliveryRepository })
export class AlertDelivery {
  [EntityRepositoryType]?: AlertDeliveryRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  ownerId!: string;

  /** Null once the alert is gone (on delete set null); the row stays for the record. */
  @Property({ type: 'uuid', nullable: true })
  alertId: string | null = null;

  @Property({ type: 'uuid' })
  channelId!: string;

  @Property({ type: 'text' })
  event!: NotifyEvent;

  @Property({ type: 'text' })
  body!: string;

  @Property({ type: 'text' })
  status!: DeliveryStatus;

  @Property({ type: 'integer' })
  attempts = 0;

  @Property({ type: 'timestamptz' })
  nextAttemptAt!: Date;

  @Property({ type: 'integer', nullable: true })
  lastStatusCode: number | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  deliveredAt: Date | null = null;
}
