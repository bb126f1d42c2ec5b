import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { JobRun } from '@fleetwatch/database';
import { DATABASE_PING_SQL } from './monitoring-health.sql';

/** The component-health reads, each on a forked EntityManager so a request's context is never involved. */
@Injectable()
export class MonitoringHealthRepository {
  constructor(private readonly em: EntityManager) {}

  async ping(): Promise<void> {
    await this.em.fork().getConnection().execute(DATABASE_PING_SQL);
  }

  /** job_runs belongs to the database lib (its JobScheduler writes it): read through its repository. */
  jobRuns(): Promise<JobRun[]> {
    return this.em.fork().getRepository(JobRun).listAll();
  }
}
