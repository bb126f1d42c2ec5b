import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';

export const HISTORICAL_RANGES = ['24h', '7d', '30d'] as const;
export type HistoricalRange = (typeof HISTORICAL_RANGES)[number];

export class HistoricalQueryDto {
  @ApiPropertyOptional({ enum: HISTORICAL_RANGES, default: '24h' })
  @IsOptional()
  @IsIn(HISTORICAL_RANGES, { message: 'range must be one of 24h, 7d, 30d' })
  range?: HistoricalRange;
}

export class HistoricalPointDto {
  @ApiProperty({ example: '2026-03-18T12:00:00.000Z' }) timestamp!: string;
  @ApiProperty({ description: 'Mean of every `cpu` sample of the user’s agents in the hour.' }) cpu!: number;
  @ApiProperty({ description: 'Mean of every `memory` sample in the hour.' }) memory!: number;
  @ApiProperty({ description: 'Sum of `messages` sample values in the hour.' }) messages!: number;
  @ApiProperty({ description: 'Sum of `errors` sample values in the hour.' }) errors!: number;
}

export class HistoricalAveragesDto {
  @ApiProperty() cpu!: number;
  @ApiProperty() memory!: number;
  @ApiProperty() messages!: number;
  @ApiProperty() errors!: number;
}

export class HistoricalResponseDto {
  @ApiProperty() userId!: string;
  @ApiProperty({ enum: HISTORICAL_RANGES }) timeRange!: HistoricalRange;
  @ApiProperty({ type: HistoricalPointDto, isArray: true }) metrics!: HistoricalPointDto[];
  @ApiProperty({ type: HistoricalAveragesDto }) averages!: HistoricalAveragesDto;
}

export class UserPerformanceDto {
  @ApiProperty({ description: 'Mean over the user’s agents of each one’s latest `cpu` sample of the last 24 h.' }) cpu!: number;
  @ApiProperty({ description: 'The same for `memory`.' }) memory!: number;
  @ApiProperty({ description: 'Percent of the last hour’s LLM and tool calls with status error.' }) errorRate!: number;
  @ApiProperty({ description: 'Mean latency (ms) of the last hour’s LLM calls.' }) responseTime!: number;
}

export class RevenueSummaryDto {
  @ApiProperty({ example: '$1,234.50' }) month!: string;
  @ApiProperty({ example: '$9,876.00' }) total!: string;
  @ApiProperty({ example: '+12%' }) change!: string;
}

export class BookingsSummaryDto {
  @ApiProperty() completed!: number;
  @ApiProperty() pending!: number;
  @ApiProperty({ example: '40%' }) conversion!: string;
}

export class FanSegmentationDto {
  @ApiProperty() superfans!: number;
  @ApiProperty() casual!: number;
  @ApiProperty() new!: number;
}

export class FansSummaryDto {
  @ApiProperty() total!: number;
  @ApiProperty() active!: number;
  @ApiProperty({ example: '+5%' }) growth!: string;
  @ApiProperty({ type: FanSegmentationDto }) segmentation!: FanSegmentationDto;
}

export class StreamsSummaryDto {
  @ApiProperty() monthlyListeners!: number;
  @ApiProperty() monthlyStreams!: number;
  @ApiProperty({ example: '+8%' }) growth!: string;
}

export class SkillsSummaryDto {
  @ApiProperty() active!: number;
  @ApiProperty() total!: number;
  @ApiProperty({ example: '+0%' }) growth!: string;
}

export class MusicSummaryDto {
  @ApiProperty({ type: RevenueSummaryDto }) revenue!: RevenueSummaryDto;
  @ApiProperty({ type: BookingsSummaryDto }) bookings!: BookingsSummaryDto;
  @ApiProperty({ type: FansSummaryDto }) fans!: FansSummaryDto;
  @ApiProperty({ type: StreamsSummaryDto }) streams!: StreamsSummaryDto;
  @ApiProperty({ type: SkillsSummaryDto }) skills!: SkillsSummaryDto;
}
