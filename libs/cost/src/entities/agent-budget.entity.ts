import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { AgentBudgetRepository } from '../repositories/agent-budget.repository';

/** One budget per agent; numeric columns stay decimal strings as pg returns them. */
@Entity({ tableName: 'agent_budgets', repository: () => AgentBudgetRepository })
export class AgentBudget {
  [EntityRepositoryType]?: AgentBudgetRepository;

  @PrimaryKey({ type: 'uuid' })
  agentId!: string;

  @Property({ type: 'decimal', columnType: 'numeric' })
  monthlyUsd!: string;

  @Property({ type: 'decimal', columnType: 'numeric' })
  softThresholdPct!: string;

  @Property({ type: 'boolean' })
  hardCap = false;

  /** First day (YYYY-MM-DD) of the month whose warning was written. */
  @Property({ type: 'date', nullable: true })
  warnedMonth: string | null = null;

  @Property({ type: 'date', nullable: true })
  pausedMonth: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
