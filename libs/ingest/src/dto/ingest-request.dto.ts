import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { INGEST_RANGES } from '../validation/ingest-ranges';
import { RunInputDto } from './run-input.dto';

// Documentation of the body only: POST /api/ingest validates it with a compiled JSON schema
// (validation/ingest.schema.ts), which is much faster than per-item class validation at 10,000 items.

const TS = {
  format: 'date-time',
  description:
    'RFC 3339 date-time with seconds and a zone (`Z` or `±hh:mm`), years 1970-9999, e.g. `2026-01-31T12:00:00.250Z`; no week, ordinal or ' +
    'basic forms, no comma fraction. Default now. At most 5 min in the future, not older than RAW_RETENTION_DAYS.',
};
const TEXT = 'Must not contain NUL (U+0000) or unpaired UTF-16 surrogates.';
const R = INGEST_RANGES;
const DURATION = { minimum: 0, maximum: R.durationMsMax, description: `Milliseconds, 0 to ${R.durationMsMax} (about 31.7 years).` };
const TOKENS = { minimum: 0, maximum: R.tokensMax, description: `0 to ${R.tokensMax} per call; sums are computed as 64-bit integers.` };
const META = {
  type: 'object',
  additionalProperties: true,
  description: `Free-form JSON; no key or string value may contain NUL or unpaired surrogates.`,
} as const;

export class SampleInputDto {
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty({
    example: 'cpu',
    description: '`cpu`, `memory` (percent 0-100), `messages`, `errors` (counts >= 0), or a custom name `^[a-z][a-z0-9_.]{0,63}$`.',
  })
  type!: string;
  @ApiProperty({
    example: 42.5,
    minimum: -R.sampleValueAbsMax,
    maximum: R.sampleValueAbsMax,
    description: `Finite number with |value| <= ${R.sampleValueAbsMax} (1e15), so sums over any number of samples stay finite.`,
  })
  value!: number;
  @ApiPropertyOptional(TS) timestamp?: string;
  @ApiPropertyOptional(META) metadata?: Record<string, unknown>;
}

export class LlmCallInputDto {
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty({ example: 'gpt-4o', maxLength: 200, description: TEXT }) model!: string;
  @ApiPropertyOptional({ example: 'openai', maxLength: 100, description: `Default: the provider of the matched price. ${TEXT}` }) provider?: string;
  @ApiPropertyOptional({ example: 'gpt-4o-2024-08-06', maxLength: 200, description: `The model that answered (often a dated snapshot); priced first. ${TEXT}` })
  responseModel?: string;
  @ApiProperty({ type: 'integer', ...TOKENS, description: `The whole input, cache reads and writes and audio / image tokens included. ${TOKENS.description}` })
  inputTokens!: number;
  @ApiProperty({ type: 'integer', ...TOKENS, description: `The whole output, reasoning and audio tokens included. ${TOKENS.description}` })
  outputTokens!: number;
  @ApiPropertyOptional({ type: 'integer', ...TOKENS, description: `Input tokens read from a prompt cache (part of inputTokens). ${TOKENS.description}` })
  cacheReadInputTokens?: number;
  @ApiPropertyOptional({
    type: 'integer',
    ...TOKENS,
    description: `Input tokens written to a prompt cache (part of inputTokens); default: the 5m + 1h split when only that is sent. ${TOKENS.description}`,
  })
  cacheCreationInputTokens?: number;
  @ApiPropertyOptional({
    type: 'integer',
    ...TOKENS,
    description: `Cache writes with a 5-minute lifetime (part of cacheCreationInputTokens). ${TOKENS.description}`,
  })
  cacheCreation5mInputTokens?: number;
  @ApiPropertyOptional({
    type: 'integer',
    ...TOKENS,
    description: `Cache writes with a 1-hour lifetime (part of cacheCreationInputTokens). ${TOKENS.description}`,
  })
  cacheCreation1hInputTokens?: number;
  @ApiPropertyOptional({ type: 'integer', ...TOKENS, description: `Reasoning tokens (part of outputTokens). ${TOKENS.description}` })
  reasoningOutputTokens?: number;
  @ApiPropertyOptional({ type: 'integer', ...TOKENS, description: `Audio input tokens (part of inputTokens). ${TOKENS.description}` })
  audioInputTokens?: number;
  @ApiPropertyOptional({ type: 'integer', ...TOKENS, description: `Audio output tokens (part of outputTokens). ${TOKENS.description}` })
  audioOutputTokens?: number;
  @ApiPropertyOptional({ type: 'integer', ...TOKENS, description: `Image input tokens (part of inputTokens). ${TOKENS.description}` })
  imageInputTokens?: number;
  @ApiProperty(DURATION) latencyMs!: number;
  @ApiPropertyOptional({ ...DURATION, description: `Streamed calls: milliseconds until the first token. ${DURATION.description}` })
  timeToFirstTokenMs?: number;
  @ApiProperty({ enum: ['success', 'error'] }) status!: 'success' | 'error';
  @ApiPropertyOptional({ maxLength: 200, description: TEXT }) errorType?: string;
  @ApiPropertyOptional({
    minimum: 0,
    maximum: R.costUsdMax,
    description: `Client-computed cost in USD, 0 to ${R.costUsdMax}; wins over the price table (rate_source \`client\`).`,
  })
  costUsd?: number;
  @ApiPropertyOptional({ maxLength: 128, description: TEXT }) traceId?: string;
  @ApiPropertyOptional({ maxLength: 200, description: `The run this call belongs to (runs[].id); it adds to the run's totals. ${TEXT}` }) runId?: string;
  @ApiPropertyOptional({ maxLength: 200, description: TEXT }) conversationId?: string;
  @ApiPropertyOptional(TS) timestamp?: string;
}

export class ToolCallInputDto {
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty({ example: 'web_search', maxLength: 200, description: TEXT }) tool!: string;
  @ApiProperty(DURATION) durationMs!: number;
  @ApiProperty({ enum: ['success', 'error'] }) status!: 'success' | 'error';
  @ApiPropertyOptional({ maxLength: 200, description: TEXT }) errorType?: string;
  @ApiPropertyOptional({ maxLength: 128, description: TEXT }) traceId?: string;
  @ApiPropertyOptional({ maxLength: 200, description: `The run this call belongs to (runs[].id); it adds to the run's totals. ${TEXT}` }) runId?: string;
  @ApiPropertyOptional({ maxLength: 200, description: TEXT }) conversationId?: string;
  @ApiPropertyOptional(TS) timestamp?: string;
}

export class EventInputDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Absent: the event belongs to the caller, not to one agent.' }) agentId?: string;
  @ApiProperty({ example: 'revenue', description: '`^[a-z][a-z0-9_.]{0,63}$`' }) type!: string;
  @ApiProperty({ maxLength: 4000, description: TEXT }) message!: string;
  @ApiPropertyOptional({ ...META, example: { amountUsd: 120 } }) metadata?: Record<string, unknown>;
  @ApiPropertyOptional(TS) timestamp?: string;
}

export class IngestRequestDto {
  @ApiPropertyOptional({ type: [SampleInputDto] }) samples?: SampleInputDto[];
  @ApiPropertyOptional({ type: [LlmCallInputDto] }) llmCalls?: LlmCallInputDto[];
  @ApiPropertyOptional({ type: [ToolCallInputDto] }) toolCalls?: ToolCallInputDto[];
  @ApiPropertyOptional({ type: [EventInputDto] }) events?: EventInputDto[];
  @ApiPropertyOptional({
    type: [RunInputDto],
    description: "Agent runs. Calls that name a runId add to that run's totals; a runId not seen yet makes a `running` run started at the call.",
  })
  runs?: RunInputDto[];
}

export class AcceptedCountsDto {
  @ApiProperty() samples!: number;
  @ApiProperty() llmCalls!: number;
  @ApiProperty() toolCalls!: number;
  @ApiProperty() events!: number;
  @ApiPropertyOptional({ description: 'Present when the body carried runs[].' }) runs?: number;
}

export class IngestAcceptedResponseDto {
  @ApiProperty({ type: AcceptedCountsDto }) accepted!: AcceptedCountsDto;
}
