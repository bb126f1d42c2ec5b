import { Migration } from '@mikro-orm/migrations';

/**
 * The time of an agent's latest resource sample, apart from last_seen_at (any telemetry): an agent
 * still sending LLM calls but no samples has stalled container telemetry (fleet reason
 * telemetry_stalled).
 */
export class Migration20261122070000AgentLastSample extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table agents add column last_sample_at timestamptz;`);
    this.addSql(`
      update agents a set last_sample_at = s.last
      from (select agent_id, max(ts) as last from metric_samples group by agent_id) s
      where s.agent_id = a.id;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table agents drop column if exists last_sample_at;`);
  }
}
