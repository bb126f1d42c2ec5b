import { isAdmin, Principal } from './principal';

/**
 * The one visibility rule of the API: a user sees what they own, an admin sees everything. Every
 * owner check goes through these two functions so the rule has a single home.
 */
export function canSee(principal: Principal, ownerId: string | null | undefined): boolean {
  return isAdmin(principal) || (ownerId != null && ownerId === principal.userId);
}

/** The owner a query must be restricted to, or null when the caller (an admin) sees every owner. */
export function visibleOwnerId(principal: Principal): string | null {
  return isAdmin(principal) ? null : principal.userId;
}
