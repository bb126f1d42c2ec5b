import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock, DAY_MS, MINUTE_MS } from '@fleetwatch/common';
import { round } from '../format/numbers';
import { HeartbeatRepository } from '../repositories/heartbeat.repository';

export const UPTIME_WINDOW_DAYS = 30;
const KEEP_DAYS = UPTIME_WINDOW_DAYS + 5;

/**
 * The service's own uptime: every replica with jobs enabled records the current minute once a
 * minute (duplicates collapse), and platform uptime is the share of minutes with a record.
 */
@Injectable()
export class HeartbeatService {
  constructor(
    private readonly heartbeats: HeartbeatRepository,
    private readonly clock: Clock,
  ) {}

  async beat(em?: EntityManager): Promise<void> {
    const now = this.clock.now();
    const minute = new Date(Math.floor(now.getTime() / MINUTE_MS) * MINUTE_MS);
    await this.heartbeats.record(minute, new Date(minute.getTime() - KEEP_DAYS * DAY_MS), em);
  }

  /**
   * Percent of the minutes from max(now − 30 days, first recorded minute) to the current minute
   * that have a heartbeat; the current minute always counts as up (this process is answering).
   */
  async platformUptimePercent(): Promise<number> {
    const current = Math.floor(this.clock.now().getTime() / MINUTE_MS) * MINUTE_MS;
    const windowStart = new Date(current - UPTIME_WINDOW_DAYS * DAY_MS);
    const row = await this.heartbeats.minutesBetween(windowStart, new Date(current));
    const first = row.first ? row.first.getTime() : current;
    const totalMinutes = (current - first) / MINUTE_MS + 1;
    const upMinutes = row.up + 1;
    return round((upMinutes / totalMinutes) * 100);
  }
}
