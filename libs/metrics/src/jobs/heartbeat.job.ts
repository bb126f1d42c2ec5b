import { Injectable, OnModuleInit } from '@nestjs/common';
import { MINUTE_MS } from '@fleetwatch/common';
import { JobScheduler } from '@fleetwatch/database';
import { HeartbeatService } from '../services/heartbeat.service';

export const HEARTBEAT_JOB = 'metrics.heartbeat';

/** Every replica beats (`shared`), so the platform counts as up while any one of them runs. */
@Injectable()
export class HeartbeatJob implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly heartbeat: HeartbeatService,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: HEARTBEAT_JOB, intervalMs: MINUTE_MS, mode: 'shared', run: (em) => this.heartbeat.beat(em) });
  }
}
