import { EntityManager } from '@mikro-orm/postgresql';

/**
 * Takes the job's transaction-level advisory lock without waiting. The lock's transaction idles
 * while the job body works on other connections or over HTTP, so it is exempt from
 * idle_in_transaction_session_timeout, which guards request transactions.
 */
export async function tryJobLock(tx: EntityManager, name: string): Promise<boolean> {
  const [row] = await tx
    .getConnection()
    .execute<{ locked: boolean }[]>(
      `select pg_try_advisory_xact_lock(hashtext(?)) as locked, set_config('idle_in_transaction_session_timeout', '0', true)`,
      ['fw_job:' + name],
      'all',
      tx.getTransactionContext(),
    );
  return row?.locked === true;
}
