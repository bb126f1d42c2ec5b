import { isAdmin, Principal } from '@fleetwatch/common';
import { AnalyticsError, AnalyticsErrorCode } from '../errors/analytics.error';

/**
 * Whose agents a query covers: `undefined` means every owner (an admin without a user filter).
 * A user naming someone else is refused with 403, as routes keyed by another user's id are.
 */
export function ownerScope(principal: Principal, userId?: string): string | undefined {
  if (isAdmin(principal)) return userId;
  if (userId !== undefined && userId !== principal.userId) {
    throw new AnalyticsError(AnalyticsErrorCode.ForeignUser, 'user_id may only name yourself');
  }
  return principal.userId;
}

/** SQL condition (with `?` placeholders) restricting `column` to the scope's agents, or '' for everyone. */
export function agentScopeSql(column: string, ownerId: string | undefined, params: unknown[]): string {
  if (ownerId === undefined) return '';
  params.push(ownerId);
  return ` and ${column} in (select id from agents where owner_id = ?)`;
}
