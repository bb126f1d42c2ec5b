import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '@fleetwatch/database';
import { RollupService } from '../services/rollup.service';

export const ROLLUP_JOB = 'rollups.hourly';

/** One replica per tick (the scheduler's advisory lock), so two passes never overlap. */
@Injectable()
export class RollupsJob implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly rollups: RollupService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: ROLLUP_JOB, intervalMs: 60_000, mode: 'exclusive', run: (em) => this.rollups.refresh(em) });
  }
}
