import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { Clock } from '@fleetwatch/common';
import { LoginAttemptRepository } from '../repositories/login-attempt.repository';

/** The longest an account's slowdown spaces two attempts apart. */
export const ACCOUNT_MAX_DELAY_SECONDS = 60;

/** An admitted attempt: settle it with `succeeded` or leave it counted as a failure. */
export interface LoginTicket {
  email: string;
  address: string;
}

export type Admission = { admitted: true; ticket: LoginTicket } | { admitted: false; retryAfterSeconds: number };

const pairKey = (email: string, address: string): string => `pair:${email}|${address}`;
const addressKey = (address: string): string => `ip:${address}`;
const accountKey = (email: string): string => `account:${email}`;

/**
 * Login throttling in PostgreSQL, shared by every replica. An attempt is counted before the
 * password is checked, so concurrent attempts see increasing counts and at most
 * LOGIN_MAX_FAILURES of them per window reach the check:
 * - per (email, address) pair past LOGIN_MAX_FAILURES in LOGIN_WINDOW_SECONDS, and per address
 *   past LOGIN_MAX_FAILURES_PER_ADDRESS (default the same): 429 until the window ends — failures
 *   from elsewhere never lock the owner's own pair;
 * - per account, from any address: past LOGIN_MAX_FAILURES, attempts are spaced 1, 2, 4 … s apart
 *   (at most ACCOUNT_MAX_DELAY_SECONDS) — a slowdown for a distributed guesser, never a lock-out.
 * A turned-away attempt is not counted; a success takes its own attempt back and clears its pair.
 */
@Injectable()
export class LoginLimiter {
  constructor(
    private readonly attempts: LoginAttemptRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async admit(email: string, address: string): Promise<Admission> {
    const now = this.clock.now();
    const expiredBefore = this.expiredBefore(now);
    const { loginMaxFailures: max, loginMaxFailuresPerAddress: maxPerAddress } = this.config.auth;
    const windowMs = this.config.auth.loginWindowSeconds * 1000;
    // The pair first, then the address: an attempt the pair turns away never touches the
    // address's count, so concurrent turned-away attempts cannot crowd out an admissible one.
    const keys: string[] = [];
    for (const [key, limit] of [
      [pairKey(email, address), max],
      [addressKey(address), maxPerAddress],
    ] as const) {
      keys.push(key);
      const row = await this.attempts.countAttempt(key, now, expiredBefore);
      if (row.attempts > limit) {
        // A turned-away attempt is not a failure: only admitted attempts stay counted, so the owner
        // retrying against a locked pair does not also lock the address for everyone behind it.
        await this.attempts.uncount(keys);
        return { admitted: false, retryAfterSeconds: this.secondsUntil(new Date(row.window_started_at).getTime() + windowMs, now) };
      }
    }
    const nextSlot = await this.attempts.takeSlot(accountKey(email), now, expiredBefore, { freeAttempts: max, maxDelaySeconds: ACCOUNT_MAX_DELAY_SECONDS });
    if (nextSlot) {
      await this.attempts.uncount(keys);
      return { admitted: false, retryAfterSeconds: this.secondsUntil(nextSlot.getTime(), now) };
    }
    return { admitted: true, ticket: { email, address } };
  }

  async succeeded(ticket: LoginTicket): Promise<void> {
    await this.attempts.forget(pairKey(ticket.email, ticket.address));
    await this.attempts.uncount([addressKey(ticket.address), accountKey(ticket.email)]);
  }

  sweep(): Promise<number> {
    const now = this.clock.now();
    return this.attempts.sweep(now, this.expiredBefore(now));
  }

  private expiredBefore(now: Date): Date {
    return new Date(now.getTime() - this.config.auth.loginWindowSeconds * 1000);
  }

  private secondsUntil(at: number, now: Date): number {
    return Math.max(1, Math.ceil((at - now.getTime()) / 1000));
  }
}
