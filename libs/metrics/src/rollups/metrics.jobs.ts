import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '@fleetwatch/database';
import { HeartbeatService } from '../uptime/heartbeat.service';
import { RollupService } from './rollup.service';

export const ROLLUP_JOB = 'metrics.rollup';
export const HEARTBEAT_JOB = 'metrics.heartbeat';

/** Rollups: one replica per tick (advisory lock). Heartbeat: every replica, so any one up counts. */
@Injectable()
export class MetricsJobs implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly rollups: RollupService,
    private readonly heartbeat: HeartbeatService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: ROLLUP_JOB, intervalMs: 60_000, mode: 'exclusive', run: (em) => this.rollups.refresh(em) });
    this.scheduler.register({ name: HEARTBEAT_JOB, intervalMs: 60_000, mode: 'shared', run: (em) => this.heartbeat.beat(em) });
  }
}
