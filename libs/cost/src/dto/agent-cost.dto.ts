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

const PART = (what: string): string => `USD of ${what} in these calls: Σ of each call's stored part.`;

/**
 * The stored cost of a row's calls split by token type. Each call's split is stored at ingest (and
 * rewritten by a reprice) with the tier and price version that call was priced with, so these are
 * sums of real per-call parts, never a re-pricing of summed token counts.
 */
export class CostsByTypeDto {
  @ApiProperty({
    example: 0.003,
    description: PART(
      'input tokens billed at the plain input rate (input_tokens minus the cache reads, cache writes and audio / image tokens priced at their own rates)',
    ),
  })
  input!: number;
  @ApiProperty({
    example: 0.0075,
    description: PART('output tokens at the output rate (reasoning and audio output included when the model has no rate of their own)'),
  })
  output!: number;
  @ApiProperty({ example: 0.0018, description: PART('cache reads') }) cache_read!: number;
  @ApiProperty({ example: 0.0075, description: PART('cache writes at the 5-minute rate (every cache write not reported as a 1-hour entry)') })
  cache_write_5m!: number;
  @ApiProperty({ example: 0.006, description: PART('cache writes reported as 1-hour entries, at the 1-hour rate') }) cache_write_1h!: number;
  @ApiProperty({ example: 0, description: PART('reasoning tokens, for a model with a reasoning rate of its own') }) reasoning!: number;
  @ApiProperty({ example: 0, description: PART('audio input tokens') }) audio_input!: number;
  @ApiProperty({ example: 0, description: PART('audio output tokens') }) audio_output!: number;
  @ApiProperty({ example: 0, description: PART('image input tokens') }) image_input!: number;
  @ApiProperty({ example: 0, description: PART('cache reads of audio tokens') }) cache_read_audio!: number;
  @ApiProperty({ example: 0, description: PART('cache reads of image tokens') }) cache_read_image!: number;
  @ApiProperty({ example: 0, description: 'USD of per-request fees of these calls.' }) request!: number;
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
  @ApiProperty({ description: 'Sum of the stored cost of these calls, USD (split by type in costs_by_type).' })
  token_cost!: number;
  @ApiProperty({
    type: CostsByTypeDto,
    nullable: true,
    description:
      'token_cost split by token type, USD; every type is present (0 when none). Each call stores its cost split by type when it is priced ' +
      '(its own tier and price version): tokens of each type × that type’s rate per 1M, plus the per-request fee. Each part is rounded to ' +
      '10 decimals like the stored cost, with the rounding remainder (a few 1e-10 USD at most) on the call’s largest part, so a call’s parts ' +
      'add up to its stored cost exactly; the sums here are exact decimal sums of those parts, so they add up to token_cost (up to the ' +
      'binary rounding of JSON numbers). Example, claude-sonnet-4-5 (input 3, cache read 0.3, 5-minute write 3.75, 1-hour write 6, ' +
      'output 15 per 1M) with 10,000 input tokens of which 6,000 cache reads and 2,000 + 1,000 cache writes, and 500 output: ' +
      'input 1,000 × 3 / 1M = 0.003, cache_read 6,000 × 0.3 / 1M = 0.0018, cache_write_5m 2,000 × 3.75 / 1M = 0.0075, ' +
      'cache_write_1h 1,000 × 6 / 1M = 0.006, output 500 × 15 / 1M = 0.0075; token_cost 0.0258. ' +
      'null when a call of the row has no split: client-supplied costs (rate_source client), fallback estimates (rate_source fallback), ' +
      'and calls priced before per-type costs were stored until POST /api/admin/cost/reprice covers them.',
  })
  costs_by_type!: CostsByTypeDto | null;
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
