import { Injectable, OnModuleInit } from '@nestjs/common';
import { HOUR_MS } from '@fleetwatch/common';
import { DAILY_PARTITIONED_TABLES, JobScheduler } from '@fleetwatch/database';
import { IdempotencyService } from '../services/idempotency.service';

export const TELEMETRY_TABLES = DAILY_PARTITIONED_TABLES;
export const IDEMPOTENCY_CLEANUP_JOB = 'ingest.idempotency-keys-cleanup';

/** Expires idempotency keys (partitions are made ahead by the database lib's StorageModule). */
@Injectable()
export class IngestJobs implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly idempotency: IdempotencyService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: IDEMPOTENCY_CLEANUP_JOB, intervalMs: HOUR_MS, run: (em) => this.idempotency.cleanup(em) });
  }
}
