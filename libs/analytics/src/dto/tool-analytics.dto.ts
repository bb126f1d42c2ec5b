import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';

export class ToolAnalyticsQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive start; default end_date minus 7 days.' })
  @IsOptional()
  @IsTimestamp()
  start_date?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive end; default now.' })
  @IsOptional()
  @IsTimestamp()
  end_date?: string;

  @ApiPropertyOptional({ description: 'Only this tool.' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  tool_name?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Admins: only this user's agents. Users may only name themselves (403 otherwise)." })
  @IsOptional()
  @IsUUID()
  user_id?: string;
}

export class RecentToolCallsQueryDto extends ToolAnalyticsQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;
}

export class ToolSummaryResponseDto {
  @ApiProperty({ format: 'date-time' }) startDate!: string;
  @ApiProperty({ format: 'date-time' }) endDate!: string;
  @ApiProperty() totalCalls!: number;
  @ApiProperty() successfulCalls!: number;
  @ApiProperty({ description: 'Calls with status `error`.' }) totalErrors!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'successfulCalls / totalCalls; null without calls.' }) successRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean duration_ms; null without calls.' }) averageDurationMs!: number | null;
  @ApiProperty({ enum: ['raw', 'rollup'], description: 'Where the numbers came from.' }) source!: 'raw' | 'rollup';
}

export class ToolErrorTypeDto {
  @ApiProperty({ description: '`unknown` when the call reported no error type.' }) errorType!: string;
  @ApiProperty() count!: number;
}

export class DurationPercentilesDto {
  @ApiProperty({ type: Number, nullable: true }) p50!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p95!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p99!: number | null;
}

export class ToolStatsResponseDto {
  @ApiProperty() tool!: string;
  @ApiProperty() calls!: number;
  @ApiProperty() successes!: number;
  @ApiProperty() errors!: number;
  @ApiProperty({ type: Number, nullable: true }) successRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) errorRate!: number | null;
  @ApiProperty({ type: Number, nullable: true }) averageDurationMs!: number | null;
  @ApiProperty({ type: DurationPercentilesDto, description: 'Milliseconds.' }) durationMs!: DurationPercentilesDto;
  @ApiProperty({ enum: ['exact', 'histogram'] }) percentiles!: 'exact' | 'histogram';
  @ApiProperty({ type: ToolErrorTypeDto, isArray: true, description: 'Up to 5, commonest first (ties by name).' })
  commonErrors!: ToolErrorTypeDto[];
}

export class ToolCallResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty() tool!: string;
  @ApiProperty() durationMs!: number;
  @ApiProperty({ enum: ['success', 'error'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) errorType!: string | null;
  @ApiProperty({ type: String, nullable: true }) traceId!: string | null;
  @ApiProperty({ format: 'date-time' }) ts!: string;
}
