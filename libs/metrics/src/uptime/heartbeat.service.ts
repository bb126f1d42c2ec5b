import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock } from '@fleetwatch/common';
import { query, round, run } from '../shared/sql';

const MINUTE_MS = 60_000;
export const UPTIME_WINDOW_DAYS = 30;
const KEEP_DAYS = UPTIME_WINDOW_DAYS + 5;

/**
 * The service's own uptime: every replica with jobs enabled records the current minute once a
 * minute (duplicates collapse), and platform uptime is the share of minutes with a record.
 */
@Injectable()
export class HeartbeatService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  async beat(em: EntityManager = this.em): Promise<void> {
    const now = this.clock.now();
    const minute = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
    await run(em, 'insert into service_heartbeats (minute) values (?) on conflict do nothing', [minute]);
    await run(em, 'delete from service_heartbeats where minute < ?', [new Date(minute.getTime() - KEEP_DAYS * 86_400_000)]);
  }

  /**
   * Percent of the minutes from max(now − 30 days, first recorded minute) to the current minute
   * that have a heartbeat; the current minute always counts as up (this process is answering).
   */
  async platformUptimePercent(): Promise<number> {
    const current = Math.floor(this.clock.now().getTime() / MINUTE_MS) * MINUTE_MS;
    const windowStart = new Date(current - UPTIME_WINDOW_DAYS * 86_400_000);
    const [row] = await query<{ first: Date | null; up: string }>(
      this.em,
      `select min(minute) as first, count(*) as up from service_heartbeats where minute >= ? and minute < ?`,
      [windowStart, new Date(current)],
    );
    const first = row?.first ? new Date(row.first).getTime() : current;
    const totalMinutes = (current - first) / MINUTE_MS + 1;
    const upMinutes = Number(row?.up ?? 0) + 1;
    return round((upMinutes / totalMinutes) * 100);
  }
}
