import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

/**
 * Runs a job body at most once at a time across every replica sharing the database: the body runs
 * inside a transaction holding a transaction-level advisory lock, taken with try-lock so a replica
 * that loses the race skips the tick instead of queueing behind it.
 */
@Injectable()
export class JobLockService {
  constructor(private readonly em: EntityManager) {}

  async runExclusive<T>(name: string, body: (em: EntityManager) => Promise<T>): Promise<{ ran: boolean; result?: T }> {
    return this.em.fork().transactional(async (tx) => {
      const [row] = await tx
        .getConnection()
        // The lock's transaction idles while the body works on other connections or over HTTP: exempt
        // it from idle_in_transaction_session_timeout, which guards request transactions.
        .execute<{ locked: boolean }[]>(
          `select pg_try_advisory_xact_lock(hashtext(?)) as locked, set_config('idle_in_transaction_session_timeout', '0', true)`,
          ['fw_job:' + name],
          'all',
          tx.getTransactionContext(),
        );
      if (!row?.locked) return { ran: false };
      return { ran: true, result: await body(tx) };
    });
  }
}
