import { Injectable, OnModuleInit } from '@nestjs/common';
import { Clock, HOUR_MS } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { JobScheduler } from '../../scheduler/services/job-scheduler.service';
import { PARTITION_DAYS_AHEAD } from '../repositories/partition.sql';
import { PartitionService } from '../services/partition.service';

export const PARTITIONS_AHEAD_JOB = 'storage.partitions-ahead';

/**
 * Keeps daily partitions ready for every timestamp ingest accepts (back to the raw retention) and
 * a week ahead, so ingest never has to create one. Also run at start-up.
 */
@Injectable()
export class PartitionsAheadJob implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly partitions: PartitionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: PARTITIONS_AHEAD_JOB, intervalMs: HOUR_MS, runOnStart: true, run: () => this.ensureAhead() });
  }

  /** Raw-retention days back through PARTITION_DAYS_AHEAD days ahead (UTC) for each table; returns how many were created. */
  ensureAhead(): Promise<number> {
    return this.partitions.ensureWindow(this.clock.now(), this.config.telemetry.rawRetentionDays, PARTITION_DAYS_AHEAD);
  }
}
