import { ApiProperty } from '@nestjs/swagger';
import { AlertResponseDto } from '@fleetwatch/alerts';

export class DashboardHealthDto {
  @ApiProperty({
    enum: ['healthy', 'degraded', 'unhealthy'],
    description: '`unhealthy`: /api/monitoring/health reports a component down; `degraded`: an agent needs attention with severity error; else `healthy`.',
  })
  status!: string;
  @ApiProperty({ enum: ['up', 'down'] }) database!: string;
  @ApiProperty({ type: Number, nullable: true }) databaseLatencyMs!: number | null;
  @ApiProperty({ description: 'Jobs whose last run failed or that are over two intervals late.' }) jobsDown!: number;
  @ApiProperty({ description: 'Agents in the fleet-status roll-up.' }) agentsNeedingAttention!: number;
}

export class DashboardCurrentDto {
  @ApiProperty() agentsTotal!: number;
  @ApiProperty() agentsRunning!: number;
  @ApiProperty({ description: 'Agents in `error` or `warning`.' }) agentsError!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean of cpu samples in the last 5 minutes.' }) cpuPercent!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean of memory samples in the last 5 minutes.' }) memoryPercent!: number | null;
  @ApiProperty({ description: 'LLM calls in the last hour.' }) llmCallsLastHour!: number;
  @ApiProperty({ description: 'Failed / all LLM calls in the last hour (0 when none).' }) llmErrorRateLastHour!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean LLM latency in the last hour.' }) llmLatencyMsLastHour!: number | null;
  @ApiProperty({ description: 'API requests recorded in the last hour (yours; admins: all).' }) apiRequestsLastHour!: number;
  @ApiProperty({ type: Number, nullable: true, description: 'p95 of those requests’ durations (continuous percentile).' }) apiP95MsLastHour!: number | null;
}

export class DashboardTrendPointDto {
  @ApiProperty({ format: 'date-time', description: 'Start of the UTC hour.' }) hour!: string;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean of cpu samples in the hour.' }) cpu!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean of memory samples in the hour.' }) memory!: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'Mean LLM latency in the hour.' }) latencyMs!: number | null;
  @ApiProperty({ description: 'Failed LLM calls plus failed tool calls in the hour.' }) errors!: number;
}

export class TroubledAgentDto {
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ description: 'LLM and tool calls from the start of the first trend hour to now (rollups for complete hours, raw rows for the current one).' })
  calls!: number;
  @ApiProperty({ description: 'Failed LLM and tool calls over the same hours.' }) errors!: number;
  @ApiProperty({ description: 'errors / calls (0 when no calls).' }) errorRate!: number;
}

export class SlowEndpointDto {
  @ApiProperty() method!: string;
  @ApiProperty({ example: '/api/agents/:id' }) path!: string;
  @ApiProperty() requests!: number;
  @ApiProperty() avgMs!: number;
  @ApiProperty({ description: 'Continuous 95th percentile (percentile_cont) of durations in the window.' }) p95Ms!: number;
  @ApiProperty({ description: 'Responses with status 500 or more.' }) serverErrors!: number;
}

export class DashboardDto {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty() hours!: number;
  @ApiProperty({ type: DashboardHealthDto }) health!: DashboardHealthDto;
  @ApiProperty({ type: DashboardCurrentDto }) current!: DashboardCurrentDto;
  @ApiProperty({
    type: DashboardTrendPointDto,
    isArray: true,
    description:
      'One point per UTC hour, oldest first, the current hour last; complete hours from the hourly rollups, the current hour from raw rows; hours without data have null means and 0 errors.',
  })
  trends!: DashboardTrendPointDto[];
  @ApiProperty({
    type: AlertResponseDto,
    isArray: true,
    description: 'Up to 20 open alerts (pending, firing, acknowledged) on your agents (admins: all), most severe and newest first.',
  })
  activeAlerts!: AlertResponseDto[];
  @ApiProperty({
    type: TroubledAgentDto,
    isArray: true,
    description: 'Up to 5: agents in error, then warning, then by failed calls in the window; only agents with a problem.',
  })
  troubledAgents!: TroubledAgentDto[];
  @ApiProperty({
    type: SlowEndpointDto,
    isArray: true,
    description: 'Up to 10 routes by p95 over the `hours` × 60 minutes before now, from raw request rows (your requests; admins: all).',
  })
  slowestEndpoints!: SlowEndpointDto[];
}
