import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQueryDto } from '@fleetwatch/common';
import { ALERT_STATUSES, AlertStatus, SEVERITIES, Severity } from '../alerts.constants';

export class ListAlertsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ALERT_STATUSES }) @IsOptional() @IsIn(ALERT_STATUSES) status?: AlertStatus;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agentId?: string;
}

export class AlertActionDto {
  @ApiPropertyOptional({ maxLength: 2000 }) @IsOptional() @IsString() @MaxLength(2000) note?: string;
}

export class AlertResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) ruleId!: string;
  @ApiProperty() ruleName!: string;
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty({ enum: ALERT_STATUSES }) status!: AlertStatus;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'The observed aggregate that crossed the threshold: when the alert started, updated when it fired (null when it held for lack of data).',
  })
  value!: number | null;
  @ApiProperty() threshold!: number;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) firedAt!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) acknowledgedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: 'User id.' }) acknowledgedBy!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) resolvedAt!: string | null;
  @ApiProperty({ type: String, nullable: true, description: '`system` or the user id.' }) resolvedBy!: string | null;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
}

export class AlertHistoryEntryDto {
  @ApiProperty({ type: String, nullable: true, enum: ALERT_STATUSES }) from!: AlertStatus | null;
  @ApiProperty({ enum: ALERT_STATUSES }) to!: AlertStatus;
  @ApiProperty({ type: Number, nullable: true }) value!: number | null;
  @ApiProperty({ description: '`system` or the acting user’s id.' }) actor!: string;
  @ApiProperty({ type: String, nullable: true }) note!: string | null;
  @ApiProperty({ format: 'date-time' }) at!: string;
}
