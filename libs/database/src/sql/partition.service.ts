import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

const DAY_MS = 86_400_000;

export function utcDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/**
 * Keeps daily partitions in place before rows arrive. Days already known to exist are cached in
 * memory, so the hot ingest path costs no round trip once a day's partition is there.
 */
@Injectable()
export class PartitionService {
  private readonly known = new Set<string>();

  constructor(private readonly em: EntityManager) {}

  async ensureForTimestamps(table: string, timestamps: Iterable<Date>): Promise<void> {
    const missing = new Set<string>();
    for (const ts of timestamps) {
      const day = utcDay(ts);
      if (!this.known.has(`${table}:${day}`)) missing.add(day);
    }
    if (missing.size === 0) return;
    const days = [...missing].sort();
    await this.ensureRange(table, days[0], days[days.length - 1]);
  }

  async ensureRange(table: string, fromDay: string, toDay: string): Promise<number> {
    const rows = await this.em
      .getConnection()
      .execute<{ created: number }[]>(`select fw_ensure_daily_partitions(?::regclass, ?::date, ?::date) as created`, [table, fromDay, toDay]);
    for (let t = Date.parse(fromDay); t <= Date.parse(toDay); t += DAY_MS) {
      this.known.add(`${table}:${utcDay(new Date(t))}`);
    }
    return Number(rows[0]?.created ?? 0);
  }

  /** Forgets cached days, e.g. after retention dropped partitions. */
  forget(table: string): void {
    for (const key of [...this.known]) if (key.startsWith(`${table}:`)) this.known.delete(key);
  }
}
