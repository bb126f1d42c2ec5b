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
}
