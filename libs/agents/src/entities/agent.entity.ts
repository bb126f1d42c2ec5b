import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { AgentRepository } from '../repositories/agent.repository';

export const AGENT_STATUSES = ['queued', 'deploying', 'running', 'warning', 'error', 'stopped'] as const;
export type AgentStatus = (typeof AGENT_STATUSES)[number];

@Entity({ tableName: 'agents', repository: () => AgentRepository })
export class Agent {
  [EntityRepositoryType]?: AgentRepository;

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  @Property({ type: 'uuid' })
  ownerId!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'text', nullable: true })
  description: string | null = null;

  @Property({ type: 'text', nullable: true })
  runtime: string | null = null;

  @Property({ type: 'text', nullable: true })
  model: string | null = null;

  @Property({ type: 'json' })
  labels: Record<string, string> = {};

  @Property({ type: 'text' })
  status: AgentStatus = 'stopped';

  @Property({ type: 'timestamptz' })
  statusChangedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lastSeenAt: Date | null = null;

  /** Moved by ingest with last_seen_at, only for agents that sent samples in the batch. */
  @Property({ type: 'timestamptz', nullable: true })
  lastSampleAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
