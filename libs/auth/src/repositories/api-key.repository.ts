import { EntityRepository, Knex } from '@mikro-orm/postgresql';
import { MINUTE_MS } from '@fleetwatch/common';
import type { ApiKey } from '../entities/api-key.entity';

/** What authentication needs of an active key and its owner, read in one round trip. */
export interface ActiveKeyRow {
  id: string;
  key_hash: string;
  scopes: string[];
  agent_id: string | null;
  user_id: string;
  role: 'user' | 'admin';
}

export class ApiKeyRepository extends EntityRepository<ApiKey> {
  async findActiveWithOwner(prefix: string): Promise<ActiveKeyRow | null> {
    const rows = await this.getEntityManager()
      .getConnection()
      .execute<ActiveKeyRow[]>(
        `select k.id, k.key_hash, k.scopes, k.agent_id, u.id as user_id, u.role
         from api_keys k join users u on u.id = k.user_id
         where k.prefix = ? and k.revoked_at is null`,
        [prefix],
      );
    return rows[0] ?? null;
  }

  /** The key when `ownerId` owns it, or any key when `ownerId` is null (an admin). */
  findVisible(id: string, ownerId: string | null): Promise<ApiKey | null> {
    return this.findOne(ownerId === null ? { id } : { id, userId: ownerId });
  }

  /**
   * The user's unrevoked keys, counted with that user's key creations serialized until the
   * transaction ends (advisory lock), so concurrent creations cannot all see room under a cap.
   */
  async lockedActiveCount(userId: string): Promise<number> {
    const em = this.getEntityManager();
    const ctx = em.getTransactionContext<Knex.Transaction>();
    await em.getConnection().execute(`select pg_advisory_xact_lock(hashtext(?))`, [`fw_cap:api_keys:${userId}`], 'all', ctx);
    const [row] = await em
      .getConnection()
      .execute<{ n: number }[]>(`select count(*)::int as n from api_keys where user_id = ? and revoked_at is null`, [userId], 'all', ctx);
    return row.n;
  }

  listForUser(userId: string): Promise<ApiKey[]> {
    return this.find({ userId, revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.getEntityManager()
      .getConnection()
      .execute(`update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)`, [
        at,
        id,
        new Date(at.getTime() - MINUTE_MS),
      ]);
  }
}
