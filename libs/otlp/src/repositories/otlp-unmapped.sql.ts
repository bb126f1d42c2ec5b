/**
 * One statement per export: `$1` is a JSON array of {name, count, keys}. A row unseen for the
 * window restarts its count; new names stop being added once the owner has `max_names` rows, so
 * a client sending random span names cannot grow the table without bound.
 */
export const UPSERT_UNMAPPED = `
  with incoming as (
    select name, count, keys from jsonb_to_recordset(?::jsonb) as x(name text, count bigint, keys text[])
  ), existing as (
    select count(*) as n from otlp_unmapped_spans where owner_id = ?
  )
  insert into otlp_unmapped_spans as u (owner_id, span_name, span_count, attribute_keys, first_seen_at, last_seen_at)
  select ?::uuid, i.name, i.count, i.keys, ?::timestamptz, ?::timestamptz
  from incoming i
  where (select n from existing) < ?
     or exists (select 1 from otlp_unmapped_spans e where e.owner_id = ? and e.span_name = i.name)
  on conflict (owner_id, span_name) do update set
    span_count = case when u.last_seen_at < ? then excluded.span_count else u.span_count + excluded.span_count end,
    first_seen_at = case when u.last_seen_at < ? then excluded.first_seen_at else u.first_seen_at end,
    attribute_keys = excluded.attribute_keys,
    last_seen_at = excluded.last_seen_at`;

export const LIST_UNMAPPED = (owner: string) => `
  select owner_id, span_name, span_count, to_jsonb(attribute_keys) as attribute_keys, first_seen_at, last_seen_at
  from otlp_unmapped_spans
  where last_seen_at >= ? and ${owner}
  order by span_count desc, span_name, owner_id
  limit ?`;

export const PRUNE_UNMAPPED = `delete from otlp_unmapped_spans where last_seen_at < ?`;
