import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsObject, IsOptional, IsString, IsUUID, MaxLength, MinLength, ValidateNested } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';
import { SEVERITIES, Severity } from '../alerts.constants';

export class SilenceMatchersDto {
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() ruleId?: string;
  @ApiPropertyOptional({ format: 'uuid' }) @IsOptional() @IsUUID() agentId?: string;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
}

export class CreateSilenceDto {
  @ApiProperty({ type: SilenceMatchersDto, description: 'Every given matcher must match; none given: all of your alerts.' })
  @IsObject()
  @ValidateNested()
  @Type(() => SilenceMatchersDto)
  matchers!: SilenceMatchersDto;
  @ApiPropertyOptional({ format: 'date-time', description: 'Default: now.' }) @IsOptional() @IsTimestamp() startsAt?: string;
  @ApiProperty({ format: 'date-time' }) @IsTimestamp() endsAt!: string;
  @ApiProperty({ example: 'maintenance window' }) @IsString() @MinLength(1) @MaxLength(1000) comment!: string;
}

export class SilenceMatchersResponseDto {
  @ApiProperty({ type: String, nullable: true }) ruleId!: string | null;
  @ApiProperty({ type: String, nullable: true }) agentId!: string | null;
  @ApiProperty({ type: String, nullable: true, enum: SEVERITIES }) severity!: Severity | null;
}

export class SilenceResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty({ type: SilenceMatchersResponseDto }) matchers!: SilenceMatchersResponseDto;
  @ApiProperty({ format: 'date-time' }) startsAt!: string;
  @ApiProperty({ format: 'date-time' }) endsAt!: string;
  @ApiProperty() comment!: string;
  @ApiProperty({ enum: ['pending', 'active', 'expired'] }) state!: 'pending' | 'active' | 'expired';
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
}
