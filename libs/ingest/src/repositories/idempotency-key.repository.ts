import { EntityManager, EntityRepository } from '@mikro-orm/postgresql';
import { IdempotencyKey, IdempotencyKeyStatus } from '../entities/idempotency-key.entity';

export interface IdempotencyRecord {
  requestHash: string;
  status: IdempotencyKeyStatus;
  responseStatus: number | null;
  responseBody: unknown;
}

export class IdempotencyKeyRepository extends EntityRepository<IdempotencyKey> {
  /**
   * Claims (user, key) for a request: true when this request owns it now — a new key, one whose
   * previous use is older than `expiredBefore`, or one left `in_flight` since before `staleBefore`
   * (its request died with its process) — the last two are taken over. A conditional upsert, so
   * two concurrent requests cannot both claim: stays SQL.
   */
  async claim(userId: string, key: string, requestHash: string, now: Date, expiredBefore: Date, staleBefore: Date): Promise<boolean> {
    const rows = await this.getEntityManager()
      .getConnection()
      .execute<unknown[]>(
        `insert into idempotency_keys as k (user_id, key, request_hash, status, created_at)
       values (?, ?, ?, 'in_flight', ?)
       on conflict (user_id, key) do update set request_hash = excluded.request_hash, status = 'in_flight',
         response_status = null, response_body = null, created_at = excluded.created_at
       where k.created_at < ? or (k.status = 'in_flight' and k.created_at < ?)
       returning 1 as claimed`,
        [userId, key, requestHash, now, expiredBefore, staleBefore],
      );
    return rows.length > 0;
  }

  /** Read fresh on a fork: the row changes under other requests, so no identity-map copy may answer. */
  async findRecord(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const row = await this.getEntityManager().fork().findOne(IdempotencyKey, { userId, key });
    return row ? { requestHash: row.requestHash, status: row.status, responseStatus: row.responseStatus, responseBody: row.responseBody } : null;
  }

  /** Stores the answer in `em`'s transaction, so it commits with the rows it describes. */
  async complete(em: EntityManager, userId: string, key: string, status: number, body: unknown): Promise<void> {
    await em.nativeUpdate(IdempotencyKey, { userId, key }, { status: 'done', responseStatus: status, responseBody: body });
  }

  /** Frees a key whose request failed, so the client can retry with it. */
  async release(userId: string, key: string): Promise<void> {
    await this.getEntityManager().fork().nativeDelete(IdempotencyKey, { userId, key, status: 'in_flight' });
  }

  deleteOlderThan(em: EntityManager, before: Date): Promise<number> {
    return em.nativeDelete(IdempotencyKey, { createdAt: { $lt: before } });
  }
}
