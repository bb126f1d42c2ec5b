import { encodeCursor, Keyset, ownerCondition, Page, Principal } from '@fleetwatch/common';

/** `(at, id) < (cursor.at, cursor.id)` for newest-first lists; pushes its parameters. */
export function olderThan(after: Keyset | undefined, atColumn: string, idColumn: string, params: unknown[]): string | null {
  if (!after) return null;
  params.push(new Date(after.at), after.id);
  return `(${atColumn}, ${idColumn}) < (?, ?)`;
}

/** The visibility rule on `column` for whereClause (null when the caller sees every owner); pushes its parameters. */
export function visibleTo(principal: Principal, column: string, params: unknown[]): string | null {
  const owner = ownerCondition(principal, column);
  if (owner.params.length === 0) return null;
  params.push(...owner.params);
  return owner.sql;
}

/** Cuts a limit+1 fetch into a page and the cursor of the next one. */
export function toPage<R, T>(rows: R[], limit: number, keyOf: (row: R) => { at: Date; id: string }, map: (row: R) => T): Page<T> {
  const last = rows.length > limit ? rows[limit - 1] : undefined;
  const key = last ? keyOf(last) : undefined;
  return { items: rows.slice(0, limit).map(map), nextCursor: key ? encodeCursor({ at: key.at.toISOString(), id: key.id }) : undefined };
}

export function whereClause(conditions: (string | null)[]): string {
  const present = conditions.filter((c): c is string => !!c);
  return present.length ? 'where ' + present.join(' and ') : '';
}
