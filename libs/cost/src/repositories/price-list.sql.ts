/** Which price versions a list shows: owners' prices appear only in their owner's own list. */
export interface PriceListFilter {
  /** The versions in force at this instant; null: every version. */
  at: Date | null;
  /** Set: that owner's prices only; unset: catalogue and admin prices. */
  ownerId?: string;
  source?: 'catalogue' | 'admin';
  provider?: string;
  /** Substring of the model name, case-insensitive. */
  model?: string;
}

/** ISO 8601 in UTC with microseconds: the keyset must not lose precision a JS Date would drop. */
const CURSOR_AT = `to_char(p.effective_from at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

function likeEscaped(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * One page of versions, newest effectiveFrom first (ties by id), after the keyset. "In force" is
 * per (source, provider, model, time-of-day window): the greatest effective_from not after `at`.
 */
export function priceListQuery(filter: PriceListFilter, after: { at: string; id: string } | undefined, limit: number): { sql: string; params: unknown[] } {
  const where: string[] = [];
  const params: unknown[] = [];
  if (filter.ownerId !== undefined) {
    where.push(`source = 'owner' and owner_id = ?`);
    params.push(filter.ownerId);
  } else {
    where.push(`source <> 'owner' and owner_id is null`);
  }
  if (filter.source !== undefined) {
    where.push('source = ?');
    params.push(filter.source);
  }
  if (filter.provider !== undefined) {
    where.push('lower(provider) = lower(?)');
    params.push(filter.provider);
  }
  if (filter.model !== undefined) {
    where.push(`model ilike ? escape '\\'`);
    params.push(likeEscaped(filter.model));
  }
  const key = `source, coalesce(provider, ''), model, coalesce(time_of_day_start, '')`;
  let versions = `select * from model_prices where ${where.join(' and ')}`;
  if (filter.at !== null) {
    versions = `select distinct on (${key}) * from model_prices where ${where.join(' and ')} and effective_from <= ? order by ${key}, effective_from desc`;
    params.push(filter.at);
  }
  let page = '';
  if (after) {
    page = 'where (p.effective_from, p.id) < (?::timestamptz, ?::uuid)';
    params.push(after.at, after.id);
  }
  params.push(limit);
  return { sql: `select p.*, ${CURSOR_AT} as cursor_at from (${versions}) p ${page} order by p.effective_from desc, p.id desc limit ?`, params };
}
