import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsNumber,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
} from 'class-validator';
import { AGGREGATIONS, Aggregation, BUILTIN_METRICS, COMPARATORS, Comparator, NO_DATA_MODES, NoDataMode, SEVERITIES, Severity } from '../alerts.constants';
import { RUN_METRICS_DOC } from '../evaluation/run-metrics';

const WEEK_MINUTES = 10_080;
const METRIC_DOC =
  `A sample type (\`cpu\`, \`memory\`, \`messages\`, \`errors\` or a custom name \`^[a-z][a-z0-9_.]{0,63}$\`) or one of ${BUILTIN_METRICS.join(', ')}. ` +
  'Per LLM call: `llm_latency_ms` (latency), `tokens` (inputTokens + outputTokens as ingested: cache reads and writes are already inside inputTokens, reasoning inside outputTokens, so nothing is counted twice), ' +
  '`cost_usd` (the stored cost, priced by token type), `llm_error_rate` (1 for an error, 0 otherwise, so `avg` is the error fraction 0..1); ' +
  '`cache_read_ratio` = Σ cacheReadInputTokens / Σ inputTokens of the window’s calls (0..1; e.g. 900 cache reads over 1,000 input tokens = 0.9), `avg` only, and a window without input tokens is no data; ' +
  '`tool_error_rate` likewise per tool call; error rates take `avg` only. `telemetry_age_minutes` is minutes since the agent last sent telemetry (since it was created when it never did); its aggregation and window are ignored. ' +
  RUN_METRICS_DOC;

export class CreateRuleDto {
  @ApiProperty({ example: 'High CPU' }) @IsString() @MinLength(1) @MaxLength(200) name!: string;
  @ApiProperty({ example: 'cpu', description: METRIC_DOC }) @IsString() @MinLength(1) @MaxLength(64) metric!: string;
  @ApiProperty({ enum: AGGREGATIONS, description: 'Over the rows in the window. An empty window is "no data" (see noData), also for count.' })
  @IsIn(AGGREGATIONS)
  aggregation!: Aggregation;
  @ApiProperty({ enum: COMPARATORS, description: 'value <comparator> threshold' }) @IsIn(COMPARATORS) comparator!: Comparator;
  @ApiProperty({ example: 80 }) @IsNumber({ allowNaN: false, allowInfinity: false }) threshold!: number;
  @ApiProperty({ example: 5, minimum: 1, maximum: WEEK_MINUTES, description: 'The window (now − windowMinutes, now] aggregated at each evaluation.' })
  @IsInt()
  @Min(1)
  @Max(WEEK_MINUTES)
  windowMinutes!: number;
  @ApiPropertyOptional({
    default: 0,
    minimum: 0,
    maximum: WEEK_MINUTES,
    description: 'How long the condition must hold before pending becomes firing (0: fire at once).',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(WEEK_MINUTES)
  forMinutes?: number;
  @ApiPropertyOptional({ default: 0, minimum: 0, maximum: WEEK_MINUTES, description: 'How long the condition must be false before a firing alert resolves.' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(WEEK_MINUTES)
  keepFiringForMinutes?: number;
  @ApiPropertyOptional({
    enum: NO_DATA_MODES,
    default: 'ok',
    description: '`ok`: condition false; `alerting`: condition true; `keep`: as at the previous evaluation.',
  })
  @IsOptional()
  @IsIn(NO_DATA_MODES)
  noData?: NoDataMode;
  @ApiPropertyOptional({ enum: SEVERITIES, default: 'warning' }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'One agent; absent or null: every agent of the rule’s owner.' })
  @IsOptional()
  @ValidateIf((_, v) => v !== null)
  @IsUUID()
  agentId?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid', default: [] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @IsUUID('all', { each: true })
  channelIds?: string[];
  @ApiPropertyOptional({ default: true }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class UpdateRuleDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MinLength(1) @MaxLength(200) name?: string;
  @ApiPropertyOptional({ description: METRIC_DOC }) @IsOptional() @IsString() @MinLength(1) @MaxLength(64) metric?: string;
  @ApiPropertyOptional({ enum: AGGREGATIONS }) @IsOptional() @IsIn(AGGREGATIONS) aggregation?: Aggregation;
  @ApiPropertyOptional({ enum: COMPARATORS }) @IsOptional() @IsIn(COMPARATORS) comparator?: Comparator;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) threshold?: number;
  @ApiPropertyOptional({ minimum: 1 }) @IsOptional() @IsInt() @Min(1) @Max(WEEK_MINUTES) windowMinutes?: number;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(WEEK_MINUTES) forMinutes?: number;
  @ApiPropertyOptional({ minimum: 0 }) @IsOptional() @IsInt() @Min(0) @Max(WEEK_MINUTES) keepFiringForMinutes?: number;
  @ApiPropertyOptional({ enum: NO_DATA_MODES }) @IsOptional() @IsIn(NO_DATA_MODES) noData?: NoDataMode;
  @ApiPropertyOptional({ enum: SEVERITIES }) @IsOptional() @IsIn(SEVERITIES) severity?: Severity;
  @ApiPropertyOptional({ format: 'uuid', nullable: true }) @IsOptional() @ValidateIf((_, v) => v !== null) @IsUUID() agentId?: string | null;
  @ApiPropertyOptional({ type: [String], format: 'uuid' }) @IsOptional() @IsArray() @ArrayMaxSize(20) @IsUUID('all', { each: true }) channelIds?: string[];
  @ApiPropertyOptional({ description: 'Disabling resolves the rule’s open alerts.' }) @IsOptional() @IsBoolean() enabled?: boolean;
}

export class RuleResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) ownerId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() metric!: string;
  @ApiProperty({ enum: AGGREGATIONS }) aggregation!: Aggregation;
  @ApiProperty({ enum: COMPARATORS }) comparator!: Comparator;
  @ApiProperty() threshold!: number;
  @ApiProperty() windowMinutes!: number;
  @ApiProperty() forMinutes!: number;
  @ApiProperty() keepFiringForMinutes!: number;
  @ApiProperty({ enum: NO_DATA_MODES }) noData!: NoDataMode;
  @ApiProperty({ enum: SEVERITIES }) severity!: Severity;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) agentId!: string | null;
  @ApiProperty({ type: [String] }) channelIds!: string[];
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time' }) updatedAt!: string;
}
