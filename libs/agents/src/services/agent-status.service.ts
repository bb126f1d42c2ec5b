import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ActivityLogService } from '../activity/activity-log.service';
import type { Agent, AgentStatus } from '../entities/agent.entity';
import { AgentStatusChange } from '../entities/agent-status-change.entity';

/**
 * Every agent status change goes through here: the agent row, its status history (the source of
 * uptime) and an `agent_status_changed` event, all in the caller's transaction.
 */
@Injectable()
export class AgentStatusService {
  constructor(private readonly activity: ActivityLogService) {}

  async recordInitial(tx: EntityManager, agent: Agent): Promise<void> {
    await this.insertHistory(tx, agent.id, agent.status, agent.statusChangedAt);
  }

  async change(tx: EntityManager, agent: Agent, to: AgentStatus, actor: string, at: Date, reason?: string): Promise<boolean> {
    if (agent.status === to) return false;
    const from = agent.status;
    agent.status = to;
    agent.statusChangedAt = at;
    agent.updatedAt = at;
    await this.insertHistory(tx, agent.id, to, at);
    await this.activity.append(
      [
        {
          ownerId: agent.ownerId,
          agentId: agent.id,
          type: 'agent_status_changed',
          message: `Agent "${agent.name}" status changed from ${from} to ${to}${reason ? ` (${reason})` : ''}`,
          metadata: { agentId: agent.id, from, to, ...(reason ? { reason } : {}) },
          actor,
          ts: at,
        },
      ],
      tx,
    );
    return true;
  }

  private async insertHistory(tx: EntityManager, agentId: string, status: AgentStatus, at: Date): Promise<void> {
    await tx.getRepository(AgentStatusChange).record(agentId, status, at);
  }
}
