import { Migration } from '@mikro-orm/migrations';

/** One row per scheduled job: shared by every replica, read by /api/monitoring/health. */
export class Migration20261122005000Jobs extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table job_runs (
        name text primary key,
        interval_ms integer not null,
        last_started_at timestamptz,
        last_finished_at timestamptz,
        last_duration_ms double precision,
        last_error text,
        runs bigint not null default 0,
        failures bigint not null default 0
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists job_runs;`);
  }
}
