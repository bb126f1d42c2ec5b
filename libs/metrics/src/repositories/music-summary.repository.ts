import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { num, query } from './execute';

export interface MusicCounts {
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

const NUMBER = (field: string): string => `case when jsonb_typeof(metadata->'${field}') = 'number' then (metadata->>'${field}')::numeric else 0 end`;

/** Reads the domain events agents send (API.md ingest): revenue, booking, fan, streams, skill. */
@Injectable()
export class MusicSummaryRepository {
  constructor(private readonly em: EntityManager) {}

  async counts(ownerId: string, month: Date, previousMonth: Date, now: Date): Promise<MusicCounts> {
    const [row] = await query<Record<string, string | null>>(
      this.em,
      `select
         sum(${NUMBER('amountUsd')}) filter (where type = 'revenue' and ts >= ?) as revenue_month,
         sum(${NUMBER('amountUsd')}) filter (where type = 'revenue' and ts >= ? and ts < ?) as revenue_previous,
         sum(${NUMBER('amountUsd')}) filter (where type = 'revenue') as revenue_total,
         count(*) filter (where type = 'booking' and metadata->>'status' = 'completed') as completed,
         count(*) filter (where type = 'booking' and metadata->>'status' = 'pending') as pending,
         count(*) filter (where type = 'booking' and metadata->>'status' = 'inquiry') as inquiry,
         count(*) filter (where type = 'fan') as fans,
         count(*) filter (where type = 'fan' and metadata->'active' = 'true'::jsonb) as active,
         count(*) filter (where type = 'fan' and metadata->>'segment' = 'superfan') as superfans,
         count(*) filter (where type = 'fan' and metadata->>'segment' = 'casual') as casual,
         count(*) filter (where type = 'fan' and metadata->>'segment' = 'new') as new_fans,
         count(*) filter (where type = 'fan' and ts >= ?) as fans_month,
         count(*) filter (where type = 'fan' and ts >= ? and ts < ?) as fans_previous
       from events
       where owner_id = ? and type in ('revenue', 'booking', 'fan') and ts <= ?`,
      [month, previousMonth, month, month, previousMonth, month, ownerId, now],
    );
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

  /** Sum over the owner's agents of each agent's latest `streams` event before `before`. */
  async latestStreams(ownerId: string, before: Date): Promise<LatestStreams> {
    const [row] = await query<Record<string, string | null>>(
      this.em,
      `select sum(${NUMBER('monthlyListeners')}) as listeners, sum(${NUMBER('monthlyStreams')}) as streams
       from (select distinct on (agent_id) metadata from events
             where owner_id = ? and type = 'streams' and ts <= ? order by agent_id, ts desc, id desc) latest`,
      [ownerId, before],
    );
    return { monthlyListeners: num(row.listeners), monthlyStreams: num(row.streams) };
  }

  /** Skills by name with the status of their latest `skill` event before `before`. */
  async skills(ownerId: string, before: Date): Promise<{ total: number; active: number }> {
    const [row] = await query<Record<string, string | null>>(
      this.em,
      `select count(*) as total, count(*) filter (where status = 'active') as active
       from (select distinct on (metadata->>'name') metadata->>'status' as status from events
             where owner_id = ? and type = 'skill' and metadata->>'name' is not null and ts <= ?
             order by metadata->>'name', ts desc, id desc) latest`,
      [ownerId, before],
    );
    return { total: num(row.total), active: num(row.active) };
  }
}
