import { EntityManager } from '@mikro-orm/postgresql';
import type { SqlCondition } from '@fleetwatch/common';
import * as SQL from './activity-log.sql';

/** One stored row of `events`, as it is inserted. */
export interface EventRow {
  id: string;
  owner_id: string;
  agent_id: string | null;
  type: string;
  message: string;
  metadata: Record<string, unknown>;
  actor: string;
  /** ISO timestamp on insert; a Date when read back. */
  ts: string | Date;
}

export type ListedEventRow = Pick<EventRow, 'id' | 'type' | 'message' | 'metadata'> & { ts: Date };

/** Aggregates over the domain events agents send (API.md ingest): revenue, booking, fan. */
export interface DomainEventCounts {
  revenueMonth: number;
  revenuePreviousMonth: number;
  revenueTotal: number;
  bookingsCompleted: number;
  bookingsPending: number;
  bookingsInquiry: number;
  fans: number;
  fansActive: number;
  superfans: number;
  casual: number;
  newFans: number;
  fansMonth: number;
  fansPreviousMonth: number;
}

export interface LatestStreams {
  monthlyListeners: number;
  monthlyStreams: number;
}

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));

/** Set-based SQL on `events`; ActivityLogService is its only caller. */
export class ActivityLogRepository {
  constructor(private readonly em: EntityManager) {}

  /** One statement per batch, in `em`'s transaction when it has one. */
  async insert(rows: EventRow[], em: EntityManager = this.em): Promise<void> {
    await em.getConnection().execute(SQL.INSERT_EVENTS, [JSON.stringify(rows)], 'run', em.getTransactionContext());
  }

  list(where: string[], params: unknown[]): Promise<ListedEventRow[]> {
    return this.em.getConnection().execute<ListedEventRow[]>(SQL.LIST_EVENTS(where), params);
  }

  async count(owner: SqlCondition): Promise<number> {
    const [row] = await this.em.getConnection().execute<{ n: string }[]>(SQL.COUNT_EVENTS(owner.sql), owner.params);
    return num(row?.n);
  }

  async countBetween(owner: SqlCondition, since: Date, until: Date): Promise<number> {
    const [row] = await this.em.getConnection().execute<{ n: string }[]>(SQL.COUNT_EVENTS_BETWEEN(owner.sql), [since, until, ...owner.params]);
    return Number(row.n);
  }

  async domainCounts(ownerId: string, month: Date, previousMonth: Date, now: Date): Promise<DomainEventCounts> {
    const [row] = await this.em
      .getConnection()
      .execute<Record<string, string | null>[]>(SQL.DOMAIN_COUNTS, [month, previousMonth, month, month, previousMonth, month, ownerId, now]);
    return {
      revenueMonth: num(row.revenue_month),
      revenuePreviousMonth: num(row.revenue_previous),
      revenueTotal: num(row.revenue_total),
      bookingsCompleted: num(row.completed),
      bookingsPending: num(row.pending),
      bookingsInquiry: num(row.inquiry),
      fans: num(row.fans),
      fansActive: num(row.active),
      superfans: num(row.superfans),
      casual: num(row.casual),
      newFans: num(row.new_fans),
      fansMonth: num(row.fans_month),
      fansPreviousMonth: num(row.fans_previous),
    };
  }

  async latestStreams(ownerId: string, before: Date): Promise<LatestStreams> {
    const [row] = await this.em.getConnection().execute<Record<string, string | null>[]>(SQL.LATEST_STREAMS, [ownerId, before]);
    return { monthlyListeners: num(row.listeners), monthlyStreams: num(row.streams) };
  }

  async latestSkills(ownerId: string, before: Date): Promise<{ total: number; active: number }> {
    const [row] = await this.em.getConnection().execute<Record<string, string | null>[]>(SQL.LATEST_SKILLS, [ownerId, before]);
    return { total: num(row.total), active: num(row.active) };
  }
}
