import { EntityManager } from '@mikro-orm/postgresql';

/** Runs statements on one EntityManager's connection and transaction, counting them for the benchmark. */
export class TxSql {
  queries = 0;

  constructor(readonly em: EntityManager) {}

  async all<T>(sql: string, params: unknown[] = []): Promise<T[]> {
    this.queries++;
    return this.em.getConnection().execute<T[]>(sql, params, 'all', this.em.getTransactionContext());
  }

  async run(sql: string, params: unknown[] = []): Promise<void> {
    this.queries++;
    await this.em.getConnection().execute(sql, params, 'run', this.em.getTransactionContext());
  }

  /**
   * Runs `body` in a SAVEPOINT: when it raises, only its work is rolled back and the transaction
   * stays usable; the error is returned instead of thrown. Errors of the savepoint statements
   * themselves (the connection is gone) are thrown.
   */
  async attempt<T>(body: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: Error }> {
    await this.run('savepoint fw_eval_part');
    try {
      const value = await body();
      await this.run('release savepoint fw_eval_part');
      return { ok: true, value };
    } catch (error) {
      await this.run('rollback to savepoint fw_eval_part');
      return { ok: false, error: error instanceof Error ? error : new Error(String(error)) };
    }
  }
}
