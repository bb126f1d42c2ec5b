import { Injectable, OnModuleInit } from '@nestjs/common';
import { HOUR_MS } from '@fleetwatch/common';
import { JobScheduler } from '@fleetwatch/database';
import { OtlpUnmappedService } from '../services/otlp-unmapped.service';

export const UNMAPPED_PRUNE_JOB = 'otlp.unmapped-prune';

/** The unmapped-span report covers 24 h: older rows are deleted so the table stays that size. */
@Injectable()
export class OtlpJobs implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly unmapped: OtlpUnmappedService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: UNMAPPED_PRUNE_JOB, intervalMs: HOUR_MS, run: (em) => this.unmapped.prune(em) });
  }
}
