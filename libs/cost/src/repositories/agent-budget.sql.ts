import { joinAgents } from '@fleetwatch/agents';

/**
 * Budgets with their agent's owner and name and the agent's stored LLM cost in [?, ?). The budget
 * columns come out under their own names (dates as YYYY-MM-DD text), so the row maps onto the entity.
 */
export const BUDGETS_WITH_SPEND_SQL = `
  select b.agent_id, b.monthly_usd, b.soft_threshold_pct, b.hard_cap,
         to_char(b.warned_month, 'YYYY-MM-DD') as warned_month, to_char(b.paused_month, 'YYYY-MM-DD') as paused_month,
         b.created_at, b.updated_at, a.owner_id as agent_owner_id, a.name as agent_name,
         coalesce((select sum(l.cost_usd) from llm_calls l where l.agent_id = b.agent_id and l.ts >= ? and l.ts < ?), 0) as month_cost
  from agent_budgets b ${joinAgents('a', 'b.agent_id')}`;

/** The job's work list: budgets that may still need a warning or a pause this month. */
export const PENDING_CONDITION_SQL = `b.warned_month is distinct from ?::date or (b.hard_cap and b.paused_month is distinct from ?::date)`;
