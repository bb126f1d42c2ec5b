import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { query, run } from './execute';

/** `service_heartbeats`: one row per minute in which some replica was up. */
@Injectable()
export class HeartbeatRepository {
  constructor(private readonly em: EntityManager) {}

  /** Records `minute` (duplicates from other replicas collapse) and drops minutes before `keepFrom`. */
  async record(minute: Date, keepFrom: Date, em: EntityManager = this.em): Promise<void> {
    await run(em, 'insert into service_heartbeats (minute) values (?) on conflict do nothing', [minute]);
    await run(em, 'delete from service_heartbeats where minute < ?', [keepFrom]);
  }

  /** The first recorded minute and the number of recorded minutes in [from, to). */
  async minutesBetween(from: Date, to: Date): Promise<{ first: Date | null; up: number }> {
    const [row] = await query<{ first: Date | null; up: string }>(
      this.em,
      `select min(minute) as first, count(*) as up from service_heartbeats where minute >= ? and minute < ?`,
      [from, to],
    );
    return { first: row?.first ? new Date(row.first) : null, up: Number(row?.up ?? 0) };
  }
}
