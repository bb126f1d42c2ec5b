import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { Clock } from '@fleetwatch/common';

/**
 * Counts failed logins per email and per client address in a sliding window. Kept in memory: each
 * replica limits on its own, so N replicas allow at most N times the configured failures.
 */
@Injectable()
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** Seconds to wait, or 0 when another attempt is allowed. */
  retryAfter(keys: string[]): number {
    const now = this.clock.now().getTime();
    const windowMs = this.config.auth.loginWindowSeconds * 1000;
    let wait = 0;
    for (const key of keys) {
      const recent = this.recent(key, now, windowMs);
      if (recent.length >= this.config.auth.loginMaxFailures) {
        wait = Math.max(wait, Math.ceil((recent[0] + windowMs - now) / 1000));
      }
    }
    return wait;
  }

  recordFailure(keys: string[]): void {
    const now = this.clock.now().getTime();
    const windowMs = this.config.auth.loginWindowSeconds * 1000;
    for (const key of keys) this.failures.set(key, [...this.recent(key, now, windowMs), now]);
    if (this.failures.size > 100_000) this.sweep(now, windowMs);
  }

  reset(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }

  private recent(key: string, now: number, windowMs: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - windowMs);
  }

  private sweep(now: number, windowMs: number): void {
    for (const key of [...this.failures.keys()]) {
      if (this.recent(key, now, windowMs).length === 0) this.failures.delete(key);
    }
  }
}
