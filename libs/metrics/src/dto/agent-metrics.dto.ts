import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Matches, Max, Min } from 'class-validator';
import { IsTimestamp } from '@fleetwatch/common';

export const DERIVED_TYPES = ['tokens', 'llm_latency_ms', 'cost_usd', 'tool_duration_ms'] as const;
export type DerivedType = (typeof DERIVED_TYPES)[number];

export class AgentMetricsQueryDto {
  @ApiPropertyOptional({
    description: 'A sample type (cpu, memory, messages, errors, custom) or a derived type: tokens, llm_latency_ms, cost_usd, tool_duration_ms.',
  })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.]{0,63}$/, { message: 'type must be a metric type name (lowercase letters, digits, _ and .)' })
  type?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; default 24 hours before now.' })
  @IsOptional()
  @IsTimestamp()
  since?: string;

  @ApiPropertyOptional({ description: 'ISO 8601; default now.' })
  @IsOptional()
  @IsTimestamp()
  until?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 10000, default: 1000 })
  @IsOptional()
  @Type(() => Number)
  @IsInt({ message: 'limit must be an integer' })
  @Min(1, { message: 'limit must not be less than 1' })
  @Max(10000, { message: 'limit must not be greater than 10000' })
  limit?: number;
}

export class AgentMetricRecordDto {
  @ApiProperty({ description: 'The sample’s id; for derived types the id of the LLM or tool call.' }) id!: string;
  @ApiProperty() agent_id!: string;
  @ApiProperty({ example: 'tokens' }) metric_type!: string;
  @ApiProperty() value!: number;
  @ApiProperty({
    type: 'object',
    additionalProperties: true,
    description:
      'A sample’s own metadata. For tokens, llm_latency_ms and cost_usd: the LLM call’s model, response_model, provider, input_tokens, output_tokens, ' +
      'cache_read_input_tokens, cache_creation_input_tokens, cache_creation_5m_input_tokens, cache_creation_1h_input_tokens, reasoning_output_tokens, ' +
      'audio_input_tokens, audio_output_tokens, image_input_tokens (parts of input_tokens / output_tokens), status and trace_id; cost_usd adds rate_source, ' +
      'price_source and price_version. tokens = input_tokens + output_tokens.',
  })
  metadata!: Record<string, unknown>;
  @ApiProperty({ example: '2025-03-10T09:10:00.000Z' }) recorded_at!: string;
}

export class AgentMetricsSummaryDto {
  @ApiProperty({ description: 'Input plus output tokens of every LLM call.' }) total_tokens!: number;
  @ApiProperty({ description: 'Number of LLM calls.' }) total_requests!: number;
  @ApiProperty({ description: 'Mean LLM call latency in ms (0 without calls), rounded to 2 decimals.' }) avg_response_ms!: number;
  @ApiProperty({ type: String, nullable: true, description: 'Newest timestamp among the agent’s raw samples, LLM calls and tool calls.' })
  last_active_at!: string | null;
}
