import { BigIntType, Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { AgentStatusChangeRepository } from '../repositories/agent-status-change.repository';
import type { AgentStatus } from './agent.entity';

/** One row per status an agent entered: the history uptime is computed from. */
@Entity({ tableName: 'agent_status_changes', repository: () => AgentStatusChangeRepository })
export class AgentStatusChange {
  [EntityRepositoryType]?: AgentStatusChangeRepository;

  /** Identity column; as a string because pg answers bigint as text and ids may pass 2^53. */
  @PrimaryKey({ type: new BigIntType('string'), columnType: 'bigint', autoincrement: true })
  id?: string;

  @Property({ type: 'uuid' })
  agentId!: string;

  @Property({ type: 'text' })
  status!: AgentStatus;

  @Property({ type: 'timestamptz' })
  changedAt!: Date;
}
