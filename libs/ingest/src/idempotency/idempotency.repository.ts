import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

export interface IdempotencyRecord {
  requestHash: string;
  status: 'in_flight' | 'done';
  responseStatus: number | null;
  responseBody: unknown;
}

interface Row {
  request_hash: string;
  status: 'in_flight' | 'done';
  response_status: number | null;
  response_body: unknown;
}

@Injectable()
export class IdempotencyRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Claims (user, key) for a request: true when this request owns it now — a new key, one whose
   * previous use is older than `expiredBefore`, or one left `in_flight` since before `staleBefore`
   * (its request died with its process) — the last two are taken over.
   */
  async claim(userId: string, key: string, requestHash: string, now: Date, expiredBefore: Date, staleBefore: Date): Promise<boolean> {
    const rows = await this.em.getConnection().execute<unknown[]>(
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

  async find(userId: string, key: string): Promise<IdempotencyRecord | null> {
    const [row] = await this.em
      .getConnection()
      .execute<Row[]>(`select request_hash, status, response_status, response_body from idempotency_keys where user_id = ? and key = ?`, [userId, key]);
    return row ? { requestHash: row.request_hash, status: row.status, responseStatus: row.response_status, responseBody: row.response_body } : null;
  }

  async complete(em: EntityManager, userId: string, key: string, status: number, body: unknown): Promise<void> {
    await em
      .getConnection()
      .execute(
        `update idempotency_keys set status = 'done', response_status = ?, response_body = ?::jsonb where user_id = ? and key = ?`,
        [status, JSON.stringify(body), userId, key],
        'run',
        em.getTransactionContext(),
      );
  }

  /** Frees a key whose request failed, so the client can retry with it. */
  async release(userId: string, key: string): Promise<void> {
    await this.em.getConnection().execute(`delete from idempotency_keys where user_id = ? and key = ? and status = 'in_flight'`, [userId, key], 'run');
  }

  async deleteOlderThan(em: EntityManager, before: Date): Promise<number> {
    const res = await em
      .getConnection()
      .execute<{ affectedRows?: number }>(`delete from idempotency_keys where created_at < ?`, [before], 'run', em.getTransactionContext());
    return Number(res?.affectedRows ?? 0);
  }
}
