import { Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { JobRunRepository } from '../repositories/run-record.repository';

/** One row per scheduled job, shared by every replica; read by the health route. */
@Entity({ tableName: 'job_runs', repository: () => JobRunRepository })
export class JobRun {
  [EntityRepositoryType]?: JobRunRepository;

  @PrimaryKey({ type: 'text' })
  name!: string;

  @Property({ type: 'integer' })
  intervalMs!: number;

  @Property({ type: 'timestamptz', nullable: true })
  lastStartedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastFinishedAt: Date | null = null;

  @Property({ type: 'double', nullable: true })
  lastDurationMs: number | null = null;

  @Property({ type: 'text', nullable: true })
  lastError: string | null = null;

  /** bigint: pg hands it over as a string, kept so (counts never lose precision). */
  @Property({ type: 'bigint' })
  runs: string = '0';

  @Property({ type: 'bigint' })
  failures: string = '0';
}
