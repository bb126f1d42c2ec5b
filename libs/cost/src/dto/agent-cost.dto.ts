import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';

export class AgentCostQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 3650, default: 30, description: 'The days before now; not with period_start/period_end.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  period_days?: number;

  @ApiPropertyOptional({ example: '2025-03-01', description: 'UTC date (whole day from 00:00) or ISO timestamp; needs period_end.' })
  @IsOptional()
  @IsTimestamp({ allowDate: true })
  period_start?: string;

  @ApiPropertyOptional({ example: '2025-03-31', description: 'UTC date (whole day, reported as 23:59:59) or ISO timestamp (inclusive); needs period_start.' })
  @IsOptional()
  @IsTimestamp({ allowDate: true })
  period_end?: string;
}

export class AgentCostModelDto {
  @ApiProperty({ example: 'gpt-4o', description: '`Unknown model` for calls stored without a model.' }) model!: string;
  @ApiProperty({ type: String, nullable: true, example: 'openai' }) provider!: string | null;
  @ApiProperty() input_tokens!: number;
  @ApiProperty() output_tokens!: number;
  @ApiProperty() total_tokens!: number;
  @ApiProperty({ enum: ['model', 'fallback', 'client'], description: 'How these calls were priced; a model priced in more than one way has one row per way.' })
  rate_source!: string;
  @ApiProperty({ description: 'Sum of the stored cost of these calls, USD.' }) token_cost!: number;
}

export class AgentCostTokensDto {
  @ApiProperty({ example: 0.002, description: 'COST_FALLBACK_PER_1K: USD per 1k tokens for models without a price.' }) fallback_per_1k!: number;
  @ApiProperty({ type: AgentCostModelDto, isArray: true }) models!: AgentCostModelDto[];
}

export class AgentCostDetailsDto {
  @ApiProperty({ type: AgentCostTokensDto }) tokens!: AgentCostTokensDto;
}

export class AgentCostDto {
  @ApiProperty({ description: 'Sum of stored LLM call costs in the period, USD.' }) token_cost!: number;
  @ApiProperty({ description: 'Equal to token_cost (tokens are the only cost tracked).' }) total_cost!: number;
  @ApiProperty() input_tokens!: number;
  @ApiProperty() output_tokens!: number;
  @ApiProperty() total_tokens!: number;
  @ApiProperty({ type: AgentCostDetailsDto }) cost_details!: AgentCostDetailsDto;
  @ApiProperty({ format: 'date-time' }) periodStart!: string;
  @ApiProperty({ format: 'date-time' }) periodEnd!: string;
}
