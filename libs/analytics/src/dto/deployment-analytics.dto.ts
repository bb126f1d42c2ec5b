import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';

export const DEPLOYMENT_INTERVALS = ['day', 'week', 'month'] as const;
export type DeploymentInterval = (typeof DEPLOYMENT_INTERVALS)[number];

export class DeploymentSummaryQueryDto {
  @ApiPropertyOptional({ example: 'production', description: 'Only deployments to this environment.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  environment?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 3650, default: 30, description: 'Deployments created in the last `days` days.' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(3650)
  days?: number;
}

export class DeploymentMetricsQueryDto extends DeploymentSummaryQueryDto {
  @ApiPropertyOptional({ enum: DEPLOYMENT_INTERVALS, default: 'day' })
  @IsOptional()
  @IsIn(DEPLOYMENT_INTERVALS)
  interval?: DeploymentInterval;
}

export class CompareDeploymentsQueryDto {
  @ApiProperty({ format: 'uuid', description: 'The earlier (baseline) deployment.' })
  @IsUUID()
  a!: string;

  @ApiProperty({ format: 'uuid', description: 'The deployment compared with the baseline.' })
  @IsUUID()
  b!: string;
}

export class DeploymentStatusCountsDto {
  @ApiProperty() pending!: number;
  @ApiProperty() in_progress!: number;
  @ApiProperty() succeeded!: number;
  @ApiProperty() failed!: number;
}

export class DeploymentDurationsDto {
  @ApiProperty({ type: Number, nullable: true }) p50!: number | null;
  @ApiProperty({ type: Number, nullable: true }) p95!: number | null;
  @ApiProperty({ type: Number, nullable: true }) average!: number | null;
}

export class DeploymentSummaryResponseDto {
  @ApiProperty({ type: String, nullable: true }) environment!: string | null;
  @ApiProperty() days!: number;
  @ApiProperty({ format: 'date-time' }) since!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ type: DeploymentStatusCountsDto }) byStatus!: DeploymentStatusCountsDto;
  @ApiProperty({ type: Number, nullable: true, description: 'succeeded / (succeeded + failed); null when none finished.' })
  successRate!: number | null;
  @ApiProperty({ type: DeploymentDurationsDto, description: 'Milliseconds from startedAt to finishedAt, over finished deployments that started.' })
  durationMs!: DeploymentDurationsDto;
}

export class DeploymentMetricsPointDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the UTC day, ISO week (Monday) or month.' }) bucketStart!: string;
  @ApiProperty() total!: number;
  @ApiProperty({ type: DeploymentStatusCountsDto }) byStatus!: DeploymentStatusCountsDto;
  @ApiProperty({ type: Number, nullable: true }) successRate!: number | null;
}

export class ConfigurationValueDto {
  @ApiProperty({ example: 'model.temperature' }) path!: string;
  @ApiProperty({ description: 'Any JSON value.' }) value!: unknown;
}

export class ConfigurationChangeDto {
  @ApiProperty({ example: 'model.temperature' }) path!: string;
  @ApiProperty({ description: 'Any JSON value.' }) oldValue!: unknown;
  @ApiProperty({ description: 'Any JSON value.' }) newValue!: unknown;
}

export class ConfigurationDiffDto {
  @ApiProperty({ type: ConfigurationValueDto, isArray: true, description: 'Keys only in b.' }) added!: ConfigurationValueDto[];
  @ApiProperty({ type: ConfigurationValueDto, isArray: true, description: 'Keys only in a.' }) removed!: ConfigurationValueDto[];
  @ApiProperty({ type: ConfigurationChangeDto, isArray: true, description: 'Keys in both with different values (a → b).' })
  changed!: ConfigurationChangeDto[];
}

export class TelemetryWindowDto {
  @ApiProperty({ format: 'date-time' }) start!: string;
  @ApiProperty({ format: 'date-time' }) end!: string;
  @ApiProperty() llmCalls!: number;
  @ApiProperty() llmErrors!: number;
  @ApiProperty() toolCalls!: number;
  @ApiProperty() toolErrors!: number;
  @ApiProperty({ type: Number, nullable: true, description: '(llmErrors + toolErrors) / (llmCalls + toolCalls).' }) errorRate!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'percentile_cont(0.95) of LLM latency_ms.' }) llmLatencyP95Ms!: number | null;
  @ApiProperty({ description: 'LLM calls that reported a time to first token (timeToFirstTokenMs, or the OpenTelemetry equivalents): the streamed calls.' })
  streamedLlmCalls!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'percentile_cont(0.5) of time to first token (ms) over the streamed LLM calls; null without any.' })
  ttftP50Ms!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'percentile_cont(0.95) of time to first token (ms) over the streamed LLM calls; null without any.',
  })
  ttftP95Ms!: number | null;
  @ApiProperty({
    type: Number,
    nullable: true,
    description: 'percentile_cont(0.99) of time to first token (ms) over the streamed LLM calls; null without any.',
  })
  ttftP99Ms!: number | null;
  @ApiProperty({ description: 'Sum of the stored cost of the window’s LLM calls (priced by token type: cache reads at their own rate, not as input).' })
  costUsd!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'costUsd / llmCalls.' }) costPerCall!: number | null;
}

export class DeploymentSideDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty() environment!: string;
  @ApiProperty({ type: String, nullable: true }) version!: string | null;
  @ApiProperty({ enum: ['pending', 'in_progress', 'succeeded', 'failed'] }) status!: string;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) finishedAt!: string | null;
  @ApiProperty({ type: Number, nullable: true }) durationMs!: number | null;
  @ApiProperty({ type: TelemetryWindowDto, nullable: true, description: '[finishedAt − 24 h, finishedAt); null while unfinished.' })
  before!: TelemetryWindowDto | null;
  @ApiProperty({ type: TelemetryWindowDto, nullable: true, description: '[finishedAt, finishedAt + 24 h); null while unfinished.' })
  after!: TelemetryWindowDto | null;
}

export class DeploymentComparisonResponseDto {
  @ApiProperty({ type: DeploymentSideDto }) a!: DeploymentSideDto;
  @ApiProperty({ type: DeploymentSideDto }) b!: DeploymentSideDto;
  @ApiProperty({ type: ConfigurationDiffDto }) configurationDiff!: ConfigurationDiffDto;
}
