import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isAdmin, Principal } from '@fleetwatch/common';

export interface BudgetRow {
  agent_id: string;
  owner_id: string;
  name: string;
  status: string;
  monthly_usd: string;
  soft_threshold_pct: string;
  hard_cap: boolean;
  warned_month: string | null;
  paused_month: string | null;
  month_cost: string;
}

const SELECT = `
  select b.agent_id, a.owner_id, a.name, a.status, b.monthly_usd, b.soft_threshold_pct, b.hard_cap,
         to_char(b.warned_month, 'YYYY-MM-DD') as warned_month, to_char(b.paused_month, 'YYYY-MM-DD') as paused_month,
         coalesce((select sum(l.cost_usd) from llm_calls l where l.agent_id = b.agent_id and l.ts >= ? and l.ts < ?), 0) as month_cost
  from agent_budgets b join agents a on a.id = b.agent_id`;

/** Budgets with each agent's stored cost in [monthStart, nextMonth). */
@Injectable()
export class BudgetsRepository {
  constructor(private readonly em: EntityManager) {}

  async upsert(agentId: string, monthlyUsd: number, softThresholdPct: number, hardCap: boolean, now: Date): Promise<void> {
    await this.em.getConnection().execute(
      `insert into agent_budgets (agent_id, monthly_usd, soft_threshold_pct, hard_cap, created_at, updated_at) values (?, ?, ?, ?, ?, ?)
       on conflict (agent_id) do update set monthly_usd = excluded.monthly_usd, soft_threshold_pct = excluded.soft_threshold_pct,
         hard_cap = excluded.hard_cap, updated_at = excluded.updated_at`,
      [agentId, monthlyUsd, softThresholdPct, hardCap, now, now],
      'run',
    );
  }

  async remove(agentId: string): Promise<number> {
    const result = await this.em.getConnection().execute<{ affectedRows: number }>(`delete from agent_budgets where agent_id = ?`, [agentId], 'run');
    return result.affectedRows;
  }

  async one(agentId: string, monthStart: Date, nextMonth: Date): Promise<BudgetRow | undefined> {
    const rows = await this.em.getConnection().execute<BudgetRow[]>(`${SELECT} where b.agent_id = ?`, [monthStart, nextMonth, agentId]);
    return rows[0];
  }

  visible(principal: Principal, monthStart: Date, nextMonth: Date): Promise<BudgetRow[]> {
    const owner = isAdmin(principal) ? '' : 'where a.owner_id = ?';
    return this.em
      .getConnection()
      .execute<BudgetRow[]>(`${SELECT} ${owner} order by a.name, a.id`, isAdmin(principal) ? [monthStart, nextMonth] : [monthStart, nextMonth, principal.userId]);
  }

  /** Budgets that may still need a warning or a pause this month (the job's work list). */
  pending(em: EntityManager, month: string, monthStart: Date, nextMonth: Date): Promise<BudgetRow[]> {
    return em.getConnection().execute<BudgetRow[]>(
      `${SELECT} where b.warned_month is distinct from ?::date or (b.hard_cap and b.paused_month is distinct from ?::date) order by b.agent_id`,
      [monthStart, nextMonth, month, month],
      'all',
      em.getTransactionContext(),
    );
  }

  async markWarned(em: EntityManager, agentIds: string[], month: string): Promise<void> {
    if (agentIds.length === 0) return;
    await em
      .getConnection()
      .execute(`update agent_budgets set warned_month = ?::date where agent_id in (select json_array_elements_text(?::json)::uuid)`, [month, JSON.stringify(agentIds)], 'run', em.getTransactionContext());
  }

  async markPaused(em: EntityManager, agentIds: string[], month: string): Promise<void> {
    if (agentIds.length === 0) return;
    await em
      .getConnection()
      .execute(`update agent_budgets set paused_month = ?::date where agent_id in (select json_array_elements_text(?::json)::uuid)`, [month, JSON.stringify(agentIds)], 'run', em.getTransactionContext());
  }
}
