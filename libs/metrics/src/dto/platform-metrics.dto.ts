import { ApiProperty } from '@nestjs/swagger';

export class AgentCountsDto {
  @ApiProperty({ description: 'All agents.' }) total!: number;
  @ApiProperty({ description: 'Agents with status `running`.' }) active!: number;
  @ApiProperty({ description: 'Agents with status `stopped`.' }) inactive!: number;
  @ApiProperty({ description: 'Agents with status `error`.' }) failed!: number;
}

export class MessageCountsDto {
  @ApiProperty({ description: 'Sum of `messages` sample values since 00:00 UTC today.' }) today!: number;
  @ApiProperty({ description: 'Since Monday 00:00 UTC of the current ISO week.' }) thisWeek!: number;
  @ApiProperty({ description: 'Since the 1st of the current month, 00:00 UTC.' }) thisMonth!: number;
}

export class DeploymentCountsDto {
  @ApiProperty() total!: number;
  @ApiProperty({ description: 'Deployments with status `succeeded`.' }) successful!: number;
  @ApiProperty({ description: 'Deployments with status `failed`.' }) failed!: number;
}

export class UptimeDto {
  @ApiProperty({ description: 'Percent of minutes with a service heartbeat over the last 30 days (from the first recorded minute if later).' })
  platformUptime!: number;
  @ApiProperty({ description: 'Mean over agents of the percent of time spent `running` over the last 30 days (from creation if later).' })
  averageAgentUptime!: number;
}

export class PerformanceDto {
  @ApiProperty({ description: 'Mean LLM call latency (ms) over the last 24 h.' }) averageResponseTime!: number;
  @ApiProperty({ description: 'Percent of LLM and tool calls with status success over the last 24 h.' }) successRate!: number;
  @ApiProperty({ description: 'Percent of LLM and tool calls with status error over the last 24 h.' }) errorRate!: number;
  @ApiProperty({ description: 'Mean of `cpu` samples over the last 24 h.' }) cpu!: number;
  @ApiProperty({ description: 'Mean of `memory` samples over the last 24 h.' }) memory!: number;
}

export class StorageDto {
  @ApiProperty({ description: 'Estimated MB of telemetry stored for the caller (see the route description).' }) used!: number;
  @ApiProperty({ description: 'Quota in MB for the caller’s plan.' }) total!: number;
  @ApiProperty() percentUsed!: number;
}

export class PlatformMetricsDto {
  @ApiProperty({ type: AgentCountsDto }) agents!: AgentCountsDto;
  @ApiProperty({ type: MessageCountsDto }) messages!: MessageCountsDto;
  @ApiProperty({ type: DeploymentCountsDto }) deployments!: DeploymentCountsDto;
  @ApiProperty({ type: UptimeDto }) uptime!: UptimeDto;
  @ApiProperty({ type: PerformanceDto }) performance!: PerformanceDto;
  @ApiProperty({ type: StorageDto }) storage!: StorageDto;
}

export class PlatformMetricsResponseDto {
  @ApiProperty({ type: PlatformMetricsDto }) metrics!: PlatformMetricsDto;
  @ApiProperty({ example: '2026-03-27T12:00:00.000Z' }) timestamp!: string;
  @ApiProperty({ example: 'ok' }) status!: string;
  @ApiProperty({ type: String, nullable: true, example: 'solo' }) plan!: string | null;
}

export class MetricsFailureDto {
  @ApiProperty({ example: 'Failed to fetch metrics' }) error!: string;
  @ApiProperty({ example: {} }) metrics!: Record<string, never>;
}
