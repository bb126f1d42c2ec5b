import { EntityRepository } from '@mikro-orm/postgresql';

/**
 * A custom repository that also runs the table's set-based statements, on its EntityManager's
 * connection and inside its transaction when it has one (a repository taken from `tx.getRepository`).
 */
export abstract class SqlRepository<T extends object> extends EntityRepository<T> {
  protected all<R>(sql: string, params: unknown[] = []): Promise<R[]> {
    return this.em.getConnection().execute<R[]>(sql, params, 'all', this.em.getTransactionContext());
  }

  protected async run(sql: string, params: unknown[] = []): Promise<void> {
    await this.em.getConnection().execute(sql, params, 'run', this.em.getTransactionContext());
  }
}
