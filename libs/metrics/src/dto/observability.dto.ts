import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';

export class ObservabilityQueryDto {
  @ApiPropertyOptional({ description: 'RFC 3339; default 24 hours before end_time.' })
  @IsOptional()
  @IsTimestamp()
  start_time?: string;

  @ApiPropertyOptional({ description: 'RFC 3339; default now.' })
  @IsOptional()
  @IsTimestamp()
  end_time?: string;

  @ApiPropertyOptional({ description: 'Bucket width in minutes.', default: 60, minimum: 1, maximum: 525600 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'interval must be an integer number of minutes' })
  @Min(1, { message: 'interval must not be less than 1' })
  @Max(525600, { message: 'interval must not be greater than 525600' })
  interval?: number;
}

export class ObservabilityBucketDto {
  @ApiProperty({ example: '2024-04-01T00:00:00.000Z' }) timestamp!: string;
  @ApiProperty({ description: 'Distinct trace ids among the bucket’s LLM and tool calls; a call without one is its own trace.' }) trace_count!: number;
  @ApiProperty({ description: 'Mean LLM call latency in ms (0 without calls).' }) avg_latency_ms!: number;
  @ApiProperty() input_tokens!: number;
  @ApiProperty() output_tokens!: number;
  @ApiProperty({ description: 'LLM and tool calls with status error.' }) error_count!: number;
}

export class ObservabilityTimeRangeDto {
  @ApiProperty() start!: string;
  @ApiProperty() end!: string;
}

export class ObservabilityMetricsDto {
  @ApiProperty({ type: ObservabilityBucketDto, isArray: true }) buckets!: ObservabilityBucketDto[];
  @ApiProperty({ type: ObservabilityTimeRangeDto }) time_range!: ObservabilityTimeRangeDto;
  @ApiProperty() interval_minutes!: number;
}
