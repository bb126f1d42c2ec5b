import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { DATABASE_PING_SQL, JOB_RUNS_SQL } from './monitoring-health.sql';

export interface JobRunRow {
  name: string;
  interval_ms: number;
  last_started_at: Date | null;
  last_finished_at: Date | null;
  last_duration_ms: number | null;
  last_error: string | null;
  runs: string;
  failures: string;
}

/** The component-health reads, each on a forked EntityManager so a request's context is never involved. */
@Injectable()
export class MonitoringHealthRepository {
  constructor(private readonly em: EntityManager) {}

  async ping(): Promise<void> {
    await this.em.fork().getConnection().execute(DATABASE_PING_SQL);
  }

  jobRuns(): Promise<JobRunRow[]> {
    return this.em.fork().getConnection().execute<JobRunRow[]>(JOB_RUNS_SQL);
  }
}
