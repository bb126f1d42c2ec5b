import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { DeploymentRepository } from '../repositories/deployment.repository';
import { DEPLOYMENTS_TABLE } from '../repositories/deployments-table.sql';

export const DEPLOYMENT_STATUSES = ['pending', 'in_progress', 'succeeded', 'failed'] as const;
export type DeploymentStatus = (typeof DEPLOYMENT_STATUSES)[number];

@Entity({ tableName: DEPLOYMENTS_TABLE, repository: () => DeploymentRepository })
export class Deployment {
  [EntityRepositoryType]?: DeploymentRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  agentId!: string;

  @Property({ type: 'text' })
  environment!: string;

  @Property({ type: 'text', nullable: true })
  version: string | null = null;

  @Property({ type: 'json' })
  configuration: Record<string, unknown> = {};

  @Property({ type: 'text' })
  status: DeploymentStatus = 'pending';

  @Property({ type: 'text', nullable: true })
  error: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  startedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  finishedAt: Date | null = null;
}
