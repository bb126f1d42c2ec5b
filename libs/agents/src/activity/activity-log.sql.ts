/**
 * Every statement on the `events` table (the activity log). Partitioned by day on `ts`; readers
 * filter by owner first, as every listing and count is owner-scoped (admins: every owner).
 */
export const INSERT_EVENTS = `
  insert into events (id, owner_id, agent_id, type, message, metadata, actor, ts)
  select id, owner_id, agent_id, type, message, metadata, actor, ts
  from jsonb_to_recordset(?::jsonb) as r(id uuid, owner_id uuid, agent_id uuid, type text, message text, metadata jsonb, actor text, ts timestamptz)`;

export const LIST_EVENTS = (where: string[]): string => `
  select id, type, message, metadata, ts from events
  ${where.length ? 'where ' + where.join(' and ') : ''}
  order by ts desc, id desc limit ?`;

export const COUNT_EVENTS = (ownerSql: string): string => `select count(*) as n from events where ${ownerSql}`;

/** (since, until]: ingest accepts timestamps a few minutes ahead, and those are not "today" yet. */
export const COUNT_EVENTS_BETWEEN = (ownerSql: string): string => `select count(*) as n from events where ts > ? and ts <= ? and ${ownerSql}`;

/** A numeric metadata field, 0 when it is absent or not a JSON number. */
const NUMBER = (field: string): string => `case when jsonb_typeof(metadata->'${field}') = 'number' then (metadata->>'${field}')::numeric else 0 end`;

/** Params: month, previousMonth, month, month, previousMonth, month, ownerId, now. */
export const DOMAIN_COUNTS = `select
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
       where owner_id = ? and type in ('revenue', 'booking', 'fan') and ts <= ?`;

/** Params: ownerId, before. */
export const LATEST_STREAMS = `select sum(${NUMBER('monthlyListeners')}) as listeners, sum(${NUMBER('monthlyStreams')}) as streams
       from (select distinct on (agent_id) metadata from events
             where owner_id = ? and type = 'streams' and ts <= ? order by agent_id, ts desc, id desc) latest`;

/** Params: ownerId, before. */
export const LATEST_SKILLS = `select count(*) as total, count(*) filter (where status = 'active') as active
       from (select distinct on (metadata->>'name') metadata->>'status' as status from events
             where owner_id = ? and type = 'skill' and metadata->>'name' is not null and ts <= ?
             order by metadata->>'name', ts desc, id desc) latest`;
