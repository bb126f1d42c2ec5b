import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { ownerCondition, Principal } from '@fleetwatch/common';
import type { AgentBudget } from '../entities/agent-budget.entity';
import { BUDGETS_WITH_SPEND_SQL, PENDING_CONDITION_SQL } from './agent-budget.sql';

/** A budget with what the checks and answers need beside it. */
export interface BudgetSpend {
  budget: AgentBudget;
  ownerId: string;
  agentName: string;
  /** Stored LLM cost of the month so far, as pg's numeric text. */
  monthCost: string;
}

interface SpendColumns {
  agent_owner_id: string;
  agent_name: string;
  month_cost: string;
}

export class AgentBudgetRepository extends EntityRepository<AgentBudget> {
  /** Insert or replace the figures in one statement, so two PUTs at once both succeed. */
  async put(agentId: string, monthlyUsd: number, softThresholdPct: number, hardCap: boolean, now: Date): Promise<void> {
    await this.getEntityManager().upsert<AgentBudget>(
      this.getEntityName(),
      { agentId, monthlyUsd: String(monthlyUsd), softThresholdPct: String(softThresholdPct), hardCap, createdAt: now, updatedAt: now },
      { onConflictFields: ['agentId'], onConflictAction: 'merge', onConflictMergeFields: ['monthlyUsd', 'softThresholdPct', 'hardCap', 'updatedAt'] },
    );
  }

  removeOf(agentId: string): Promise<number> {
    return this.nativeDelete({ agentId });
  }

  async one(agentId: string, monthStart: Date, nextMonth: Date): Promise<BudgetSpend | undefined> {
    return (await this.withSpend(this.getEntityManager(), 'b.agent_id = ?', [monthStart, nextMonth, agentId], ''))[0];
  }

  visible(principal: Principal, monthStart: Date, nextMonth: Date): Promise<BudgetSpend[]> {
    const owner = ownerCondition(principal, 'a.owner_id');
    return this.withSpend(this.getEntityManager(), owner.sql, [monthStart, nextMonth, ...owner.params], 'order by a.name, a.id');
  }

  pending(em: EntityManager, month: string, monthStart: Date, nextMonth: Date): Promise<BudgetSpend[]> {
    return this.withSpend(em, PENDING_CONDITION_SQL, [monthStart, nextMonth, month, month], 'order by b.agent_id');
  }

  async markWarned(em: EntityManager, agentIds: string[], month: string): Promise<void> {
    if (agentIds.length > 0) await em.nativeUpdate<AgentBudget>(this.getEntityName(), { agentId: { $in: agentIds } }, { warnedMonth: month });
  }

  async markPaused(em: EntityManager, agentIds: string[], month: string): Promise<void> {
    if (agentIds.length > 0) await em.nativeUpdate<AgentBudget>(this.getEntityName(), { agentId: { $in: agentIds } }, { pausedMonth: month });
  }

  private async withSpend(em: EntityManager, where: string, params: unknown[], order: string): Promise<BudgetSpend[]> {
    const rows = await em
      .getConnection()
      .execute<(SpendColumns & Record<string, unknown>)[]>(`${BUDGETS_WITH_SPEND_SQL} where ${where} ${order}`, params, 'all', em.getTransactionContext());
    return rows.map((row) => ({
      budget: em.map<AgentBudget>(this.getEntityName(), row),
      ownerId: row.agent_owner_id,
      agentName: row.agent_name,
      monthCost: row.month_cost,
    }));
  }
}
