import { Injectable, OnModuleInit } from '@nestjs/common';
import { JobScheduler } from '@fleetwatch/database';
import { LoginLimiter } from '../services/login-limiter';

export const LOGIN_ATTEMPTS_SWEEP_JOB = 'login-attempts-sweep';
const SWEEP_INTERVAL_MS = 10 * 60_000;

/** Expired throttling rows hold nothing; sweeping them keeps login_attempts the size of recent traffic. */
@Injectable()
export class AuthJobs implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly limiter: LoginLimiter,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: LOGIN_ATTEMPTS_SWEEP_JOB, intervalMs: SWEEP_INTERVAL_MS, run: () => this.limiter.sweep() });
  }
}
