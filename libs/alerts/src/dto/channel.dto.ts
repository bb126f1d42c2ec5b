import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { CHANNEL_TYPES, ChannelType } from '../alerts.constants';

const URL_DOC =
  'http(s) only. webhook: the endpoint; slack: the incoming-webhook URL; alertmanager: its base URL (alerts go to `{url}/api/v2/alerts`). ' +
  'Hosts resolving to private, loopback or link-local addresses are refused unless ALLOW_PRIVATE_WEBHOOK_URLS=true.';
const SECRET_DOC =
  'Write-only. webhook: required, the HMAC-SHA256 key of `X-Fleetwatch-Signature: sha256=<hex>` over the raw body; alertmanager: optional bearer token; slack: not accepted.';

export class CreateChannelDto {
  @ApiProperty({ example: 'on-call webhook' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) @IsIn(CHANNEL_TYPES) type!: ChannelType;
  @ApiProperty({ example: 'https://hooks.example.com/fleetwatch', description: URL_DOC }) @IsString() @MaxLength(2000) url!: string;
  @ApiPropertyOptional({ description: SECRET_DOC, minLength: 8 }) @IsOptional() @IsString() @MinLength(8) @MaxLength(500) secret?: string;
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateChannelDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ description: URL_DOC }) @IsOptional() @IsString() @MaxLength(2000) url?: string;
  @ApiPropertyOptional({ description: SECRET_DOC }) @IsOptional() @IsString() @MinLength(8) @MaxLength(500) secret?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() enabled?: boolean;
}

export class ChannelResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: CHANNEL_TYPES }) type!: ChannelType;
  @ApiProperty() url!: string;
  @ApiProperty({ description: 'Whether a secret is stored; the secret itself is never returned.' }) hasSecret!: boolean;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}

export class ChannelTestResponseDto {
  @ApiProperty({ description: 'The receiver answered 2xx.' }) delivered!: boolean;
  @ApiProperty({ type: Number, nullable: true, description: 'HTTP status of the answer; null when none came.' }) statusCode!: number | null;
  @ApiProperty({ description: 'Wall time of the attempt, in milliseconds.' }) latencyMs!: number;
  @ApiPropertyOptional() error?: string;
}
