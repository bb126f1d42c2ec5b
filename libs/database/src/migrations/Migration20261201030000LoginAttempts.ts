import { Migration } from '@mikro-orm/migrations';

/**
 * Login throttling state shared by every replica (it was per process). One row per key: an
 * (email, address) pair, an address, or an account. `attempts` counts attempts in the window that
 * started at `window_started_at`, counted before the password is checked so concurrent attempts
 * see increasing numbers; `next_attempt_at` spaces out attempts on an account (a slowdown, not a
 * lock-out). Expired rows are swept by a job.
 */
export class Migration20261201030000LoginAttempts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table login_attempts (
        key text primary key,
        window_started_at timestamptz not null,
        attempts integer not null check (attempts >= 0),
        next_attempt_at timestamptz not null
      );`);
    this.addSql(`create index login_attempts_window_idx on login_attempts (window_started_at);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists login_attempts;`);
  }
}
