import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { RUN_STATUSES } from '@fleetwatch/ingest';

/** Tokens by type, OpenTelemetry GenAI semantics: the cache, audio and image parts are inside input, reasoning and audio output inside output. */
export class RunTokensDto {
  @ApiProperty({ description: 'input + output.' }) total!: number;
  @ApiProperty({ description: 'Whole prompt, cache reads and writes included.' }) input!: number;
  @ApiProperty({ description: 'Whole completion, reasoning included.' }) output!: number;
  @ApiProperty() cacheRead!: number;
  @ApiProperty({ description: 'All cache writes (5m + 1h when split).' }) cacheCreation!: number;
  @ApiProperty() cacheCreation5m!: number;
  @ApiProperty() cacheCreation1h!: number;
  @ApiProperty() reasoning!: number;
  @ApiProperty() audioInput!: number;
  @ApiProperty() audioOutput!: number;
  @ApiProperty() imageInput!: number;
}

export class RunResponseDto {
  @ApiProperty({ format: 'uuid', description: 'Generated address of the run: GET /api/runs/{key}.' }) key!: string;
  @ApiProperty({ description: 'Your run id (or the root span / trace id from OpenTelemetry), unique within the agent.' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty({ type: String, nullable: true }) conversationId!: string | null;
  @ApiProperty({ type: String, nullable: true }) name!: string | null;
  @ApiProperty({ enum: RUN_STATUSES }) status!: string;
  @ApiProperty({ description: 'False while only calls have named the run (it was never sent itself): a placeholder started at its first call.' })
  reported!: boolean;
  @ApiProperty({ format: 'date-time' }) startedAt!: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) endedAt!: string | null;
  @ApiProperty({
    description: 'endedAt − startedAt; for a run still running, now − startedAt; for a finished run sent without endedAt, lastCallAt − startedAt.',
  })
  durationMs!: number;
  @ApiProperty({ description: 'llmCalls + toolCalls.' }) steps!: number;
  @ApiProperty() llmCalls!: number;
  @ApiProperty() toolCalls!: number;
  @ApiProperty({ description: 'LLM and tool calls with status error.' }) errors!: number;
  @ApiProperty({ type: RunTokensDto }) tokens!: RunTokensDto;
  @ApiProperty({ description: 'Sum of the stored costs of its LLM calls, USD.' }) costUsd!: number;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) firstCallAt!: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) lastCallAt!: string | null;
  @ApiProperty({ type: String, nullable: true }) traceId!: string | null;
  @ApiProperty({ type: String, nullable: true }) spanId!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true }) metadata!: Record<string, unknown> | null;
}

export class RunCallDto {
  @ApiProperty({ enum: ['llm', 'tool'] }) kind!: 'llm' | 'tool';
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'date-time' }) timestamp!: string;
  @ApiProperty({ enum: ['success', 'error'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) errorType!: string | null;
  @ApiProperty({ description: 'LLM latency or tool duration, ms.' }) durationMs!: number;
  @ApiProperty({ type: String, nullable: true }) spanId!: string | null;
  @ApiProperty({ type: String, nullable: true }) parentSpanId!: string | null;
  @ApiProperty({ type: String, nullable: true }) traceId!: string | null;
  @ApiPropertyOptional({ description: 'LLM calls: the model asked for.' }) model?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) responseModel?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) provider?: string | null;
  @ApiPropertyOptional({ type: RunTokensDto }) tokens?: RunTokensDto;
  @ApiPropertyOptional() costUsd?: number;
  @ApiPropertyOptional({ type: Number, nullable: true, description: 'Time to first token (streamed calls), ms.' }) timeToFirstTokenMs?: number | null;
  @ApiPropertyOptional({ description: 'Tool calls: the tool.' }) tool?: string;
  @ApiProperty({
    type: () => [RunCallDto],
    description: "Calls whose parentSpanId is this call's spanId, in time order.",
  })
  children!: RunCallDto[];
}

export class RunDetailDto extends RunResponseDto {
  @ApiProperty({
    type: [RunCallDto],
    description:
      "Its LLM and tool calls in time order; a call whose parent span is another of its calls sits in that call's `children`. " +
      'Empty once raw telemetry has passed RAW_RETENTION_DAYS: the totals above remain.',
  })
  calls!: RunCallDto[];
  @ApiProperty({
    description: 'How many calls are listed, children included: the steps that still have raw rows (below `steps` after retention), at most 5,000.',
  })
  callsAvailable!: number;
  @ApiProperty({ description: 'True when the run has more than 5,000 raw calls and only the first 5,000 in time order are listed.' })
  callsTruncated!: boolean;
}

export class ConversationDto {
  @ApiProperty() conversationId!: string;
  @ApiProperty() runs!: number;
  @ApiProperty({ description: 'Runs of the conversation still running.' }) runningRuns!: number;
  @ApiProperty() steps!: number;
  @ApiProperty() errors!: number;
  @ApiProperty({ type: RunTokensDto }) tokens!: RunTokensDto;
  @ApiProperty() costUsd!: number;
  @ApiProperty({ format: 'date-time', description: 'Earliest start of its runs.' }) firstActivityAt!: string;
  @ApiProperty({ format: 'date-time', description: "Latest of its runs' ends, last calls and starts." }) lastActivityAt!: string;
}
