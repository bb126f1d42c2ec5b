import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock } from '@fleetwatch/common';
import { JobScheduler, PartitionService, utcDay } from '@fleetwatch/database';
import { IdempotencyService } from '../idempotency/idempotency.service';

export const TELEMETRY_TABLES = ['metric_samples', 'llm_calls', 'tool_calls', 'events', 'api_requests'] as const;
export const PARTITIONS_JOB = 'telemetry-partitions';
export const IDEMPOTENCY_CLEANUP_JOB = 'idempotency-keys-cleanup';
const DAYS_AHEAD = 7;
const HOUR_MS = 3_600_000;

/** Keeps a week of daily partitions ready for every telemetry table, and expires idempotency keys. */
@Injectable()
export class IngestJobs implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly partitions: PartitionService,
    private readonly idempotency: IdempotencyService,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: PARTITIONS_JOB, intervalMs: HOUR_MS, run: () => this.ensurePartitionsAhead() });
    this.scheduler.register({ name: IDEMPOTENCY_CLEANUP_JOB, intervalMs: HOUR_MS, run: (em) => this.idempotency.cleanup(em) });
  }

  /** Today through today + 7 (UTC) for each table; returns how many partitions were created. */
  async ensurePartitionsAhead(): Promise<number> {
    const now = this.clock.now();
    const from = utcDay(now);
    const to = utcDay(new Date(now.getTime() + DAYS_AHEAD * 24 * HOUR_MS));
    let created = 0;
    for (const table of TELEMETRY_TABLES) created += await this.partitions.ensureRange(table, from, to);
    return created;
  }
}
