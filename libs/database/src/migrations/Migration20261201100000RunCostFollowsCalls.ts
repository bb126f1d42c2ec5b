import { Migration } from '@mikro-orm/migrations';

/**
 * A run's cost total follows its calls when their stored cost is rewritten (a reprice), the same
 * way the hourly rollups do: one statement-level trigger adds Σ(new − old) per run. Ingest adds
 * new calls to the totals itself, in its own transaction; only updates need this.
 */
export class Migration20261201100000RunCostFollowsCalls extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create or replace function fw_runs_follow_call_cost() returns trigger language plpgsql as $$
      begin
        update runs r set cost_usd = r.cost_usd + d.delta, updated_at = now()
        from (
          select n.agent_id, n.run_id, sum(n.cost_usd - o.cost_usd) as delta
          from new_rows n join old_rows o on o.id = n.id and o.ts = n.ts
          where n.run_id is not null and n.cost_usd <> o.cost_usd
          group by n.agent_id, n.run_id
        ) d
        where r.agent_id = d.agent_id and r.id = d.run_id;
        return null;
      end $$;`);
    this.addSql(`
      create trigger llm_calls_runs_cost_update after update on llm_calls
      referencing old table as old_rows new table as new_rows for each statement execute function fw_runs_follow_call_cost();`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop trigger if exists llm_calls_runs_cost_update on llm_calls;`);
    this.addSql(`drop function if exists fw_runs_follow_call_cost();`);
  }
}
