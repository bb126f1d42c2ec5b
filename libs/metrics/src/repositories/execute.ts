import { EntityManager } from '@mikro-orm/postgresql';

/** Runs SQL on the EntityManager's connection, inside its transaction when it has one. */
export function query<T>(em: EntityManager, sql: string, params: unknown[] = []): Promise<T[]> {
  return em.getConnection().execute<T[]>(sql, params, 'all', em.getTransactionContext());
}

export async function run(em: EntityManager, sql: string, params: unknown[] = []): Promise<void> {
  await em.getConnection().execute(sql, params, 'run', em.getTransactionContext());
}

/** PostgreSQL numeric and bigint arrive as strings; null stays null. */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}
