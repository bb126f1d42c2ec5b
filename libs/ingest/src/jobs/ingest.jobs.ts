import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock, HOUR_MS } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { DAILY_PARTITIONED_TABLES, JobScheduler, PARTITION_DAYS_AHEAD, PartitionService } from '@fleetwatch/database';
import { IdempotencyService } from '../services/idempotency.service';

export const TELEMETRY_TABLES = DAILY_PARTITIONED_TABLES;
export const PARTITIONS_JOB = 'ingest.telemetry-partitions';
export const IDEMPOTENCY_CLEANUP_JOB = 'ingest.idempotency-keys-cleanup';

/**
 * Keeps daily partitions ready for every timestamp ingest accepts (back to the raw retention)
 * and a week ahead, so ingest never has to create one; and expires idempotency keys.
 */
@Injectable()
export class IngestJobs implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly partitions: PartitionService,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: PARTITIONS_JOB, intervalMs: HOUR_MS, runOnStart: true, run: () => this.ensurePartitionsAhead() });
    this.scheduler.register({ name: IDEMPOTENCY_CLEANUP_JOB, intervalMs: HOUR_MS, run: (em) => this.idempotency.cleanup(em) });
  }

  /** Raw-retention days back through 7 days ahead (UTC) for each table; returns how many were created. */
  async ensurePartitionsAhead(): Promise<number> {
    return this.partitions.ensureWindow(this.clock.now(), this.config.telemetry.rawRetentionDays, PARTITION_DAYS_AHEAD);
  }
}
