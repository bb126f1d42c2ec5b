import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';

export class LlmAnalyticsQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: 'Inclusive start; default end_date minus 7 days.' })
  @IsOptional()
  @IsTimestamp()
  start_date?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Exclusive end; default now.' })
  @IsOptional()
  @IsTimestamp()
  end_date?: string;

  @ApiPropertyOptional({ description: 'Only this model (as asked for).' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  model?: string;

  @ApiPropertyOptional({ format: 'uuid', description: "Admins: only this user's agents. Users may only name themselves (403 otherwise)." })
  @IsOptional()
  @IsUUID()
  user_id?: string;
}

export class LlmPercentilesDto {
  @ApiProperty({ type: Number, nullable: true }) p50!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p95!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p99!: number | null;
}

export class TimeToFirstTokenDto extends LlmPercentilesDto {
  @ApiProperty({ description: 'Calls that reported a time to first token: the streamed calls. The percentiles are over them; null without any.' })
  streamedCalls!: number;
}

export class LlmModelStatsResponseDto {
  @ApiProperty() model!: string;
  @ApiProperty() calls!: number;
  @ApiProperty() errors!: number;
  @ApiProperty({ type: Number, nullable: true }) errorRate!: number | null;
  @ApiProperty({ type: LlmPercentilesDto, description: 'Latency (latency_ms), ms.' }) latencyMs!: LlmPercentilesDto;
  @ApiProperty({ type: TimeToFirstTokenDto, description: 'Time to first token, ms.' }) timeToFirstTokenMs!: TimeToFirstTokenDto;
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
  @ApiProperty() costUsd!: number;
}
