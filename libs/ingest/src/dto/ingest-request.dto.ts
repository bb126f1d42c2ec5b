import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

// Documentation of the body only: POST /api/ingest validates it with a compiled JSON schema
// (validation/ingest.schema.ts), which is much faster than per-item class validation at 10,000 items.

const TS = { format: 'date-time', description: 'ISO 8601 with a time zone; default now. At most 5 min in the future, not older than RAW_RETENTION_DAYS.' };

export class SampleInputDto {
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty({ example: 'cpu', description: '`cpu`, `memory` (percent 0-100), `messages`, `errors` (counts >= 0), or a custom name `^[a-z][a-z0-9_.]{0,63}$`.' })
  type!: string;
  @ApiProperty({ example: 42.5, description: 'Finite number.' }) value!: number;
  @ApiPropertyOptional(TS) timestamp?: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true }) metadata?: Record<string, unknown>;
}

export class LlmCallInputDto {
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty({ example: 'gpt-4o' }) model!: string;
  @ApiPropertyOptional({ example: 'openai', description: 'Default: the provider of the matched price.' }) provider?: string;
  @ApiProperty({ minimum: 0 }) inputTokens!: number;
  @ApiProperty({ minimum: 0 }) outputTokens!: number;
  @ApiProperty({ minimum: 0 }) latencyMs!: number;
  @ApiProperty({ enum: ['success', 'error'] }) status!: 'success' | 'error';
  @ApiPropertyOptional() errorType?: string;
  @ApiPropertyOptional({ minimum: 0, description: 'Client-computed cost in USD; wins over the price table (rate_source `client`).' })
  costUsd?: number;
  @ApiPropertyOptional() traceId?: string;
  @ApiPropertyOptional(TS) timestamp?: string;
}

export class ToolCallInputDto {
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty({ example: 'web_search' }) tool!: string;
  @ApiProperty({ minimum: 0 }) durationMs!: number;
  @ApiProperty({ enum: ['success', 'error'] }) status!: 'success' | 'error';
  @ApiPropertyOptional() errorType?: string;
  @ApiPropertyOptional() traceId?: string;
  @ApiPropertyOptional(TS) timestamp?: string;
}

export class EventInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Absent: the event belongs to the caller, not to one agent.' }) agentId?: string;
  @ApiProperty({ example: 'revenue', description: '`^[a-z][a-z0-9_.]{0,63}$`' }) type!: string;
  @ApiProperty({ maxLength: 4000 }) message!: string;
  @ApiPropertyOptional({ type: 'object', additionalProperties: true, example: { amountUsd: 120 } }) metadata?: Record<string, unknown>;
  @ApiPropertyOptional(TS) timestamp?: string;
}

export class IngestRequestDto {
  @ApiPropertyOptional({ type: [SampleInputDto] }) samples?: SampleInputDto[];
  @ApiPropertyOptional({ type: [LlmCallInputDto] }) llmCalls?: LlmCallInputDto[];
  @ApiPropertyOptional({ type: [ToolCallInputDto] }) toolCalls?: ToolCallInputDto[];
  @ApiPropertyOptional({ type: [EventInputDto] }) events?: EventInputDto[];
}

export class AcceptedCountsDto {
  @ApiProperty() samples!: number;
  @ApiProperty() llmCalls!: number;
  @ApiProperty() toolCalls!: number;
  @ApiProperty() events!: number;
}

export class IngestAcceptedResponseDto {
  @ApiProperty({ type: AcceptedCountsDto }) accepted!: AcceptedCountsDto;
}
