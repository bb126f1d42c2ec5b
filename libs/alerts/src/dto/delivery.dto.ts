import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { PageQueryDto } from '@fleetwatch/common';
import { CHANNEL_TYPES, ChannelType, DELIVERY_STATUSES, DeliveryStatus, NOTIFY_EVENTS, NotifyEvent } from '../alerts.constants';

export class ListDeliveriesQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: DELIVERY_STATUSES }) @IsOptional() @IsIn(DELIVERY_STATUSES) status?: DeliveryStatus;
}

export class DeliveryResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Also the `id` in the webhook body: stable across retries, for dedup.' }) id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) alertId!: string | null;
  @ApiProperty({ format: 'uuid' }) channelId!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) channelType!: ChannelType;
  @ApiProperty({ enum: NOTIFY_EVENTS }) event!: NotifyEvent;
  @ApiProperty({ enum: DELIVERY_STATUSES, description: '`suppressed`: a silence matched when the transition happened; never sent.' }) status!: DeliveryStatus;
  @ApiProperty() attempts!: number;
  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When pending: the earliest next attempt.' }) nextAttemptAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) lastStatusCode!: number | null;
  @ApiProperty({ type: String, nullable: true }) lastError!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) deliveredAt!: string | null;
}
