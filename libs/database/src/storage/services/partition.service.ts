import { Injectable, Logger } from '@nestjs/common';
import { PartitionRepository } from '../repositories/partition.repository';
import { DAILY_PARTITIONED_TABLES, LOCK_NOT_AVAILABLE } from '../repositories/partition.sql';

// Not DAY_MS from @fleetwatch/common: runMigrations loads this file outside the lib path mapping
// (Jest's global setup migrates the test database before any mapping applies), so it imports packages only.
const DAY_MS = 86_400_000;

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

export interface EnsureOptions {
  /** How long one attempt may wait for the parent table's lock. */
  lockTimeoutMs: number;
  attempts: number;
}

/**
 * On the ingest path the partition should already exist (created ahead for the whole accepted
 * range); creating it there is a fallback that must never queue the table's readers for long.
 */
const ON_DEMAND: EnsureOptions = { lockTimeoutMs: 1000, attempts: 3 };
/** Ahead-of-time creation runs off the request path and may wait a little longer per attempt. */
const AHEAD: EnsureOptions = { lockTimeoutMs: 2000, attempts: 5 };
const RETRY_BASE_MS = 100;

function isLockTimeout(error: unknown): boolean {
  for (let e = error as { code?: unknown; previous?: unknown } | undefined, depth = 0; e && depth < 3; depth++) {
    if (e.code === LOCK_NOT_AVAILABLE) return true;
    e = e.previous as typeof e;
  }
  return false;
}

/**
 * Keeps daily partitions in place before rows arrive. Days already known to exist are cached in
 * memory, so the hot ingest path costs no round trip once a day's partition is there.
 */
@Injectable()
export class PartitionService {
  private readonly known = new Set<string>();
  private readonly logger = new Logger('Partitions');

  constructor(private readonly repository: PartitionRepository) {}

  async ensureForTimestamps(table: string, timestamps: Iterable<Date>): Promise<void> {
    const missing = new Set<string>();
    for (const ts of timestamps) {
      const day = utcDay(ts);
      if (!this.known.has(`${table}:${day}`)) missing.add(day);
    }
    if (missing.size === 0) return;
    const days = [...missing].sort();
    await this.ensureRange(table, days[0], days[days.length - 1], ON_DEMAND);
  }

  /**
   * Every partitioned table from `backDays` before `now` through `aheadDays` after it (UTC days):
   * run at migrate, at start-up and by the partitions job, so ingest finds its partitions made.
   */
  async ensureWindow(now: Date, backDays: number, aheadDays: number): Promise<number> {
    const from = utcDay(new Date(now.getTime() - backDays * DAY_MS));
    const to = utcDay(new Date(now.getTime() + aheadDays * DAY_MS));
    let created = 0;
    for (const table of DAILY_PARTITIONED_TABLES) created += await this.ensureRange(table, from, to, AHEAD);
    return created;
  }

  /** Creates what is missing; retries when the lock timeout fired, then lets 55P03 through (503). */
  async ensureRange(table: string, fromDay: string, toDay: string, options: EnsureOptions = AHEAD): Promise<number> {
    for (let attempt = 1; ; attempt++) {
      try {
        const created = await this.repository.ensureDaily(table, fromDay, toDay, options.lockTimeoutMs);
        for (let t = Date.parse(fromDay); t <= Date.parse(toDay); t += DAY_MS) this.known.add(`${table}:${utcDay(new Date(t))}`);
        return created;
      } catch (error) {
        if (!isLockTimeout(error) || attempt >= options.attempts) throw error;
        this.logger.warn(`partition of ${table} for ${fromDay}..${toDay}: lock busy, attempt ${attempt} of ${options.attempts}`);
        await new Promise((resolve) => setTimeout(resolve, RETRY_BASE_MS * 2 ** attempt));
      }
    }
  }

  /** Forgets cached days, e.g. after retention dropped partitions. */
  forget(table: string): void {
    for (const key of [...this.known]) if (key.startsWith(`${table}:`)) this.known.delete(key);
  }
}
