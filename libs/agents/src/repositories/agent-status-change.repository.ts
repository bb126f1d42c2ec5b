import { EntityRepository } from '@mikro-orm/postgresql';
import type { AgentStatus } from '../entities/agent.entity';
import type { AgentStatusChange } from '../entities/agent-status-change.entity';

export class AgentStatusChangeRepository extends EntityRepository<AgentStatusChange> {
  /**
   * Written at once (not at the next flush), in the transaction of the entity manager this
   * repository came from, so the history row sits beside the change that caused it.
   */
  async record(agentId: string, status: AgentStatus, at: Date): Promise<void> {
    await this.insert({ agentId, status, changedAt: at });
  }
}
