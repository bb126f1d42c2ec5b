import { Principal, visibleOwnerId } from '@fleetwatch/common';
import { AnalyticsError, AnalyticsErrorCode } from '../errors/analytics.error';

/**
 * Whose agents a query covers: `undefined` means every owner (an admin without a user filter).
 * A user naming someone else is refused with 403, as routes keyed by another user's id are.
 */
export function ownerScope(principal: Principal, userId?: string): string | undefined {
  const own = visibleOwnerId(principal);
  if (own === null) return userId;
  if (userId !== undefined && userId !== own) {
    throw new AnalyticsError(AnalyticsErrorCode.ForeignUser, 'user_id may only name yourself');
  }
  return own;
}
