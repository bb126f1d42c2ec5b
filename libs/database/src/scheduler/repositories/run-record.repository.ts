import { EntityRepository } from '@mikro-orm/postgresql';
import type { JobRun } from '../entities/job-run.entity';

export interface FinishedRun {
  name: string;
  intervalMs: number;
  startedAt: Date;
  finishedAt: Date;
  durationMs: number;
  error: string | null;
}

export class JobRunRepository extends EntityRepository<JobRun> {
  /**
   * One statement, so replicas finishing the same job at once both count: the increments happen in
   * PostgreSQL, not on a row read beforehand.
   */
  async record(run: FinishedRun): Promise<void> {
    await this.getEntityManager()
      .getConnection()
      .execute(
        `insert into job_runs as j (name, interval_ms, last_started_at, last_finished_at, last_duration_ms, last_error, runs, failures)
       values (?, ?, ?, ?, ?, ?, 1, ?)
       on conflict (name) do update set interval_ms = excluded.interval_ms, last_started_at = excluded.last_started_at,
         last_finished_at = excluded.last_finished_at, last_duration_ms = excluded.last_duration_ms,
         last_error = excluded.last_error, runs = j.runs + 1, failures = j.failures + excluded.failures`,
        [run.name, run.intervalMs, run.startedAt, run.finishedAt, run.durationMs, run.error, run.error === null ? 0 : 1],
      );
  }

  /** Every job's last run, by name (what the health route reports). */
  listAll(): Promise<JobRun[]> {
    return this.findAll({ orderBy: { name: 'asc' } });
  }
}
