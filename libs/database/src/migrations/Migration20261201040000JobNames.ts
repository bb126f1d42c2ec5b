import { Migration } from '@mikro-orm/migrations';

/**
 * Scheduled jobs are now named `<lib>.<job>`. Their bookkeeping rows carry the name, and
 * /api/monitoring/health reports every row: rows under the old names would never move again and
 * show as late forever, so they are carried over to the new names (a job records its runs there).
 */
const RENAMES: [string, string][] = [
  ['metrics.rollup', 'rollups.hourly'],
  ['alerts-evaluate', 'alerts.evaluate'],
  ['alerts-deliver', 'alerts.deliver'],
  ['telemetry-partitions', 'storage.partitions-ahead'],
  ['analytics.retention', 'storage.retention'],
  ['cost.budgets', 'cost.budget-check'],
  ['login-attempts-sweep', 'auth.login-attempts-sweep'],
  ['idempotency-keys-cleanup', 'ingest.idempotency-keys-cleanup'],
];

export class Migration20261201040000JobNames extends Migration {
  override async up(): Promise<void> {
    for (const [from, to] of RENAMES) {
      this.addSql(`update job_runs set name = '${to}' where name = '${from}' and not exists (select 1 from job_runs where name = '${to}');`);
      this.addSql(`delete from job_runs where name = '${from}';`);
    }
  }
}
