import { Injectable, OnModuleInit } from '@nestjs/common';
import { HOUR_MS } from '@fleetwatch/common';
import { JobScheduler } from '../../scheduler/services/job-scheduler.service';
import { RetentionService } from '../services/retention.service';

export const RETENTION_JOB = 'storage.retention';

/** Hourly, so a day's partitions go within an hour of passing the limit; exclusive across replicas. */
@Injectable()
export class RetentionJob implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly retention: RetentionService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: RETENTION_JOB, intervalMs: HOUR_MS, mode: 'exclusive', run: (em) => this.retention.run(em) });
  }
}
