import { Migration } from '@mikro-orm/migrations';

/**
 * Budgets and repricing support.
 *
 * One budget per agent. `warned_month` / `paused_month` hold the first day of the month whose soft
 * or hard crossing was already acted on, so the budget job acts once per month and replicas agree.
 */
export class Migration20261122040000Budgets extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table agent_budgets (
        agent_id uuid primary key references agents (id) on delete cascade,
        monthly_usd numeric(20, 6) not null check (monthly_usd > 0),
        soft_threshold_pct numeric(5, 2) not null default 80 check (soft_threshold_pct > 0 and soft_threshold_pct <= 100),
        hard_cap boolean not null default false,
        warned_month date,
        paused_month date,
        created_at timestamptz not null default now(),
        updated_at timestamptz not null default now()
      );`);
    // Repricing rewrites stored costs: mark the hours it touched so the rollup job recomputes them,
    // exactly as inserts do (same marking function, statement-level, once per update statement).
    this.addSql(`
      create trigger llm_calls_mark_dirty_update after update on llm_calls
      referencing new table as new_rows for each statement execute function fw_mark_dirty_llm();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists llm_calls_mark_dirty_update on llm_calls;`);
    this.addSql(`drop table if exists agent_budgets;`);
  }
}
