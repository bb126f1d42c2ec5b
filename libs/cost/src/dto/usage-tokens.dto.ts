import { ApiProperty } from '@nestjs/swagger';

/**
 * Token counts by type, named as `POST /api/ingest` names them. OpenTelemetry GenAI semantics:
 * cache reads, cache writes, audio and image input are parts of `inputTokens`; reasoning and audio
 * output are parts of `outputTokens`; the 5m / 1h cache writes split `cacheCreationInputTokens`
 * when the client reported the split.
 */
export class TokenTypeCountsDto {
  @ApiProperty({ description: 'Input tokens read from the prompt cache (part of inputTokens).' }) cacheReadInputTokens!: number;
  @ApiProperty({ description: 'Input tokens written to the prompt cache (part of inputTokens).' }) cacheCreationInputTokens!: number;
  @ApiProperty({ description: 'Cache writes with a 5-minute lifetime (part of cacheCreationInputTokens).' }) cacheCreation5mInputTokens!: number;
  @ApiProperty({ description: 'Cache writes with a 1-hour lifetime (part of cacheCreationInputTokens).' }) cacheCreation1hInputTokens!: number;
  @ApiProperty({ description: 'Reasoning tokens (part of outputTokens).' }) reasoningOutputTokens!: number;
  @ApiProperty({ description: 'Audio input tokens (part of inputTokens).' }) audioInputTokens!: number;
  @ApiProperty({ description: 'Audio output tokens (part of outputTokens).' }) audioOutputTokens!: number;
  @ApiProperty({ description: 'Image input tokens (part of inputTokens).' }) imageInputTokens!: number;
}

export class UnpricedUsageDto {
  @ApiProperty({ description: 'Calls no model price matched, priced with COST_FALLBACK_PER_1K (rateSource `fallback`).' }) requests!: number;
  @ApiProperty() inputTokens!: number;
  @ApiProperty() outputTokens!: number;
}
