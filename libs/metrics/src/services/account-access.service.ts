import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { User } from '@fleetwatch/auth';
import { isAdmin, Principal } from '@fleetwatch/common';
import { MetricsError, MetricsErrorCode } from '../errors/metrics.error';

export interface AccountRow {
  id: string;
  username: string;
  plan: string | null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Routes keyed by a user id or account name: the caller's own → allowed; someone else's → 403
 * (whether or not it exists), unless the caller is an admin, who gets 404 for unknown ones.
 */
@Injectable()
export class AccountAccessService {
  constructor(private readonly em: EntityManager) {}

  /** The user id the route may read; the caller's own needs no lookup (the guard has authenticated it). */
  async byUserId(principal: Principal, userId: string): Promise<string> {
    if (userId === principal.userId) return userId;
    if (!isAdmin(principal)) throw MetricsError.foreignAccount();
    const row = UUID.test(userId) ? await this.em.fork().findOne(User, { id: userId }) : null;
    if (!row) throw new MetricsError(MetricsErrorCode.UserNotFound, `user ${userId} not found`);
    return row.id;
  }

  /** The user's plan (null without one, or for an unknown id). */
  async plan(userId: string): Promise<string | null> {
    const user = await this.em.fork().findOne(User, { id: userId });
    return user?.plan ?? null;
  }

  async byUsername(principal: Principal, username: string): Promise<AccountRow> {
    const user = await this.em.fork().findOne(User, { username });
    const row: AccountRow | undefined = user ? { id: user.id, username: user.username, plan: user.plan } : undefined;
    if (row?.id === principal.userId) return row;
    if (!isAdmin(principal)) throw MetricsError.foreignAccount();
    if (!row) throw new MetricsError(MetricsErrorCode.UserNotFound, `account ${username} not found`);
    return row;
  }
}
