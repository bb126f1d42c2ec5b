import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { DEPLOYMENT_STATUSES, Deployment, DeploymentStatus } from '../entities/deployment.entity';

export class CreateDeploymentDto {
  @ApiProperty({ example: 'production' })
  @IsString()
  @MinLength(1)
  @MaxLength(100)
  environment!: string;

  @ApiPropertyOptional({ example: '1.4.2' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  version?: string;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { replicas: 2, model: { name: 'gpt-4o', temperature: 0.2 } } })
  @IsObject()
  configuration!: Record<string, unknown>;
}

const TARGETS = ['in_progress', 'succeeded', 'failed'] as const;

export class UpdateDeploymentDto {
  @ApiProperty({ enum: TARGETS, description: 'pending → in_progress | failed; in_progress → succeeded | failed. Anything else is 409.' })
  @IsIn(TARGETS)
  status!: (typeof TARGETS)[number];

  @ApiPropertyOptional({ description: 'Why it failed.' })
  @IsOptional()
  @IsString()
  @MaxLength(4000)
  error?: string;
}

export class DeploymentResponseDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) agentId!: string;
  @ApiProperty() environment!: string;
  @ApiProperty({ type: String, nullable: true }) version!: string | null;
  @ApiProperty({ enum: DEPLOYMENT_STATUSES }) status!: DeploymentStatus;
  @ApiProperty({ type: String, nullable: true }) error!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) configuration!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt!: string;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) startedAt!: string | null;
  @ApiProperty({ format: 'date-time', type: String, nullable: true }) finishedAt!: string | null;

  static from(d: Deployment): DeploymentResponseDto {
    return {
      id: d.id,
      agentId: d.agentId,
      environment: d.environment,
      version: d.version,
      status: d.status,
      error: d.error,
      configuration: d.configuration,
      createdAt: d.createdAt.toISOString(),
      startedAt: d.startedAt?.toISOString() ?? null,
      finishedAt: d.finishedAt?.toISOString() ?? null,
    };
  }
}
