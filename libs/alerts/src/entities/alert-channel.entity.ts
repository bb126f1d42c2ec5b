import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { ChannelType } from '../alerts.constants';
import { AlertChannelRepository } from '../repositories/alert-channel.repository';

@Entity({ tableName: 'alert_channels', repository: () => AlertChannelRepository })
export class AlertChannel {
  [EntityRepositoryType]?: AlertChannelRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text' })
  type!: ChannelType;

  @Property({ type: 'text' })
  url!: string;

  @Property({ type: 'text', nullable: true })
  secret: string | null = null;

  @Property({ type: 'boolean' })
  enabled = true;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
