import { EntityRepository } from '@mikro-orm/postgresql';
import type { LoginAttempt } from '../entities/login-attempt.entity';

export interface CountedKey {
  key: string;
  attempts: number;
  window_started_at: Date;
}

/** The slowdown of an account: `maxDelaySeconds` caps the doubling spacing past `freeAttempts`. */
export interface SpacingRule {
  freeAttempts: number;
  maxDelaySeconds: number;
}

/**
 * Every statement is one atomic upsert, so replicas and concurrent requests share the counts.
 * A window is fixed: it starts at the first attempt after the previous one expired
 * (`window_started_at <= expiredBefore`), and an expired row restarts at 1.
 */
export class LoginAttemptRepository extends EntityRepository<LoginAttempt> {
  /**
   * Counts one attempt against the key and answers the count including it. Every statement here
   * touches one row, so none holds a row lock while waiting for another (no deadlocks).
   */
  async countAttempt(key: string, now: Date, expiredBefore: Date): Promise<CountedKey> {
    const [row] = await this.sql<CountedKey[]>(
      `insert into login_attempts as a (key, window_started_at, attempts, next_attempt_at) values (?, ?::timestamptz, 1, ?::timestamptz)
       on conflict (key) do update set
         window_started_at = case when a.window_started_at <= ? then excluded.window_started_at else a.window_started_at end,
         attempts = case when a.window_started_at <= ? then 1 else a.attempts + 1 end
       returning key, attempts, window_started_at`,
      [key, now, now, expiredBefore, expiredBefore],
    );
    return row;
  }

  /**
   * Takes the account's next attempt slot when it is free: counts the attempt and, past
   * `freeAttempts` in the window, moves the next slot 1, 2, 4 … seconds ahead (capped). Answers
   * null when taken, else when the slot frees up.
   */
  async takeSlot(key: string, now: Date, expiredBefore: Date, rule: SpacingRule): Promise<Date | null> {
    const taken = await this.sql<{ attempts: number }[]>(
      `insert into login_attempts as a (key, window_started_at, attempts, next_attempt_at) values (?, ?::timestamptz, 1, ?::timestamptz)
       on conflict (key) do update set
         window_started_at = case when a.window_started_at <= ? then excluded.window_started_at else a.window_started_at end,
         attempts = case when a.window_started_at <= ? then 1 else a.attempts + 1 end,
         next_attempt_at = case when a.window_started_at > ? and a.attempts + 1 > ?
           then excluded.next_attempt_at + least(power(2, least(a.attempts - ?, 16)), ?) * interval '1 second'
           else excluded.next_attempt_at end
       where a.window_started_at <= ? or a.next_attempt_at <= excluded.next_attempt_at
       returning attempts`,
      [key, now, now, expiredBefore, expiredBefore, expiredBefore, rule.freeAttempts, rule.freeAttempts, rule.maxDelaySeconds, expiredBefore],
    );
    if (taken.length > 0) return null;
    const rows = await this.sql<{ next_attempt_at: Date }[]>(`select next_attempt_at from login_attempts where key = ?`, [key]);
    return rows[0] ? new Date(rows[0].next_attempt_at) : null;
  }

  /** Takes back one counted attempt per key (one that turned out not to be a failure). */
  async uncount(keys: string[]): Promise<void> {
    for (const key of new Set(keys)) await this.sql(`update login_attempts set attempts = greatest(attempts - 1, 0) where key = ?`, [key]);
  }

  async forget(key: string): Promise<void> {
    await this.sql(`delete from login_attempts where key = ?`, [key]);
  }

  /** Rows whose window expired and whose next slot passed hold nothing; answers how many went. */
  async sweep(now: Date, expiredBefore: Date): Promise<number> {
    const rows = await this.sql<{ n: number }[]>(
      `with gone as (delete from login_attempts where window_started_at <= ? and next_attempt_at <= ? returning 1) select count(*)::int as n from gone`,
      [expiredBefore, now],
    );
    return rows[0]?.n ?? 0;
  }

  private get sql() {
    const connection = this.getEntityManager().getConnection();
    return connection.execute.bind(connection);
  }
}
