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
  @ApiProperty({ description: 'Total input tokens (cache reads, cache writes, audio and image included).' }) input_tokens!: number;
  @ApiProperty({ description: 'Total output tokens (reasoning and audio included).' }) output_tokens!: number;
  @ApiProperty() total_tokens!: number;
  @ApiProperty({ description: 'Calls in this row.' }) calls!: number;
  @ApiProperty({ description: 'Input tokens read from a prompt cache (inside input_tokens).' }) cache_read_input_tokens!: number;
  @ApiProperty({ description: 'Input tokens written to a prompt cache (inside input_tokens).' }) cache_creation_input_tokens!: number;
  @ApiProperty({ description: 'Of the cache writes, those reported as 5-minute entries.' }) cache_creation_5m_input_tokens!: number;
  @ApiProperty({ description: 'Of the cache writes, those reported as 1-hour entries.' }) cache_creation_1h_input_tokens!: number;
  @ApiProperty({ description: 'Reasoning tokens (inside output_tokens).' }) reasoning_output_tokens!: number;
  @ApiProperty({ description: 'Audio input tokens (inside input_tokens).' }) audio_input_tokens!: number;
  @ApiProperty({ description: 'Audio output tokens (inside output_tokens).' }) audio_output_tokens!: number;
  @ApiProperty({ description: 'Image input tokens (inside input_tokens).' }) image_input_tokens!: number;
  @ApiProperty({ enum: ['model', 'fallback', 'client'], description: 'How these calls were priced; a model priced in more than one way has one row per way.' })
  rate_source!: string;
  @ApiProperty({
    enum: ['owner', 'admin', 'catalogue'],
    nullable: true,
    type: String,
    description: 'Which model price applied (rate_source model): the owner’s own, an admin override or the catalogue; null for client and fallback costs.',
  })
  price_source!: string | null;
  @ApiProperty({ type: String, nullable: true, example: '0.1.8', description: 'The catalogue version of a catalogue price; null otherwise.' }) price_version!:
    string | null;
  @ApiProperty({
    description:
      'Sum of the stored cost of these calls, USD. Not split by token type: each call was priced with its own tier and price version, so a per-type cost cannot be derived from these sums.',
  })
  token_cost!: number;
}

export class UnpricedModelDto {
  @ApiProperty({ example: 'my-local-model' }) model!: string;
  @ApiProperty() calls!: number;
  @ApiProperty({ description: 'input + output tokens of those calls.' }) tokens!: number;
}

export class UnpricedDto {
  @ApiProperty({ description: 'Calls priced with COST_FALLBACK_PER_1K because no price was known (rate_source fallback).' }) calls!: number;
  @ApiProperty() input_tokens!: number;
  @ApiProperty() output_tokens!: number;
  @ApiProperty({ type: UnpricedModelDto, isArray: true, description: 'Per model, most tokens first.' }) models!: UnpricedModelDto[];
}

export class AgentCostTokensDto {
  @ApiProperty({ example: 0.002, description: 'COST_FALLBACK_PER_1K: USD per 1k tokens for models without a price.' }) fallback_per_1k!: number;
  @ApiProperty({ type: AgentCostModelDto, isArray: true }) models!: AgentCostModelDto[];
  @ApiProperty({ type: UnpricedDto, description: 'The calls whose cost is the fallback estimate, not a real price (included in the rows and totals above).' })
  unpriced!: UnpricedDto;
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
