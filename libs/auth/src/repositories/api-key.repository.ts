import { EntityRepository } from '@mikro-orm/postgresql';
import type { ApiKey } from '../entities/api-key.entity';

export class ApiKeyRepository extends EntityRepository<ApiKey> {
  findActiveByPrefix(prefix: string): Promise<ApiKey | null> {
    return this.findOne({ prefix, revokedAt: null });
  }

  findOwned(id: string, userId: string): Promise<ApiKey | null> {
    return this.findOne({ id, userId });
  }

  listForUser(userId: string): Promise<ApiKey[]> {
    return this.find({ userId, revokedAt: null }, { orderBy: { createdAt: 'desc', id: 'desc' } });
  }

  /** Written at most once a minute per key so the ingest hot path does not write on every call. */
  async touch(id: string, at: Date): Promise<void> {
    await this.getEntityManager()
      .getConnection()
      .execute(`update api_keys set last_used_at = ? where id = ? and (last_used_at is null or last_used_at < ?)`, [
        at,
        id,
        new Date(at.getTime() - 60_000),
      ]);
  }
}
