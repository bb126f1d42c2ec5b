import { ApiProperty } from '@nestjs/swagger';
import { FLEET_REASON_CODES } from '../fleet/fleet-reasons';

export class PlatformMetricsDto {
  @ApiProperty({ description: 'Agents you own (admins: all agents).' }) agents_total!: number;
  @ApiProperty() agents_running!: number;
  @ApiProperty() agents_stopped!: number;
  @ApiProperty({ description: 'Agents in `error` or `warning`.' }) agents_error!: number;
  @ApiProperty({
    description: 'Activity events with now − 24 h < timestamp <= now (events stamped ahead, within the ingest tolerance, count once their time comes).',
  })
  events_today!: number;
}

export class FleetReasonDto {
  @ApiProperty({ enum: FLEET_REASON_CODES }) code!: string;
  @ApiProperty({ enum: ['error', 'warning'] }) severity!: string;
  @ApiProperty({ example: 'Stuck deploying for 18m' }) label!: string;
}

export class FleetAgentDto {
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() status!: string;
  @ApiProperty({ enum: ['error', 'warning'], description: 'The worst severity among the reasons.' }) severity!: string;
  @ApiProperty({ type: FleetReasonDto, isArray: true, description: 'Errors first.' }) reasons!: FleetReasonDto[];
}

export class FleetStatusDto {
  @ApiProperty({ format: 'date-time' }) generatedAt!: string;
  @ApiProperty({ description: 'Agents evaluated (every agent you can see).' }) total!: number;
  @ApiProperty() attentionCount!: number;
  @ApiProperty({ type: FleetAgentDto, isArray: true, description: 'Agents with severity error first, then by name.' }) agents!: FleetAgentDto[];
}

export class PerformanceMetadataDto {
  @ApiProperty({ example: 'GET' }) method!: string;
  @ApiProperty({ example: '/api/agents/:id', description: 'The route pattern, not the raw URL; `(unmatched)` for 404s outside any route.' }) path!: string;
  @ApiProperty({ example: 200 }) status!: number;
}

export class PerformanceRecordDto {
  @ApiProperty({ description: 'Response time in milliseconds (Fastify’s elapsed time at response end).' }) value!: number;
  @ApiProperty({ type: PerformanceMetadataDto }) metadata!: PerformanceMetadataDto;
  @ApiProperty({ format: 'date-time' }) recorded_at!: string;
}
