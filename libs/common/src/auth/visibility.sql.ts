import { Principal } from './principal';
import { visibleOwnerId } from './visibility';

export interface SqlCondition {
  /** A boolean SQL expression with `?` placeholders (`true` when nothing is restricted). */
  sql: string;
  params: unknown[];
}

/** The visibility rule as a SQL condition on an owner column, e.g. `ownerCondition(p, 'a.owner_id')`. */
export function ownerCondition(principal: Principal, column: string): SqlCondition {
  const owner = visibleOwnerId(principal);
  return owner === null ? { sql: 'true', params: [] } : { sql: `${column} = ?`, params: [owner] };
}
