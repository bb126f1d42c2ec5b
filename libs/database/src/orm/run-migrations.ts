import { MikroORM } from '@mikro-orm/core';
import { EntityManager, PostgreSqlDriver } from '@mikro-orm/postgresql';
import { PartitionRepository } from '../storage/repositories/partition.repository';
import { PartitionService } from '../storage/services/partition.service';
import { ormOptions } from './orm-options';

export interface MigrateOptions {
  /** After migrating, create the daily partitions of this window around now (UTC days). */
  partitions?: { backDays: number; aheadDays: number; now?: Date };
  /** Told when making partitions failed; not fatal, the partitions job and ingest try again. */
  onWarning?: (message: string) => void;
  /**
   * Runs after the migrations on the same connection, e.g. the price catalogue sync (libs/cost),
   * which the database lib cannot name itself. A failure fails the migrate step.
   */
  afterMigrate?: (connection: { execute<T = Record<string, unknown>[]>(sql: string, params?: unknown[]): Promise<T> }) => Promise<void>;
}

/** Applies every pending migration; returns the names applied. */
export async function runMigrations(url: string, options: MigrateOptions = {}): Promise<string[]> {
  // The migrator's progress lines go to the caller's output only when asked for. No statement
  // timeout: a migration may legitimately rewrite a large table.
  const orm = await MikroORM.init<PostgreSqlDriver>({ ...ormOptions(url, { statementTimeoutMs: 0, failFast: true }), entities: [], logger: () => undefined });
  try {
    const applied = await orm.getMigrator().up();
    if (options.afterMigrate) {
      const connection = orm.em.getConnection();
      await options.afterMigrate({ execute: <T>(sql: string, params?: unknown[]) => connection.execute(sql, params) as Promise<T> });
    }
    const window = options.partitions;
    if (window) {
      await new PartitionService(new PartitionRepository(orm.em.fork() as EntityManager))
        .ensureWindow(window.now ?? new Date(), window.backDays, window.aheadDays)
        .catch((error: unknown) => options.onWarning?.(`daily partitions not made ahead: ${(error as Error)?.message ?? String(error)}`));
    }
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
