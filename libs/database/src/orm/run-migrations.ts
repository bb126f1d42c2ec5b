import { MikroORM } from '@mikro-orm/core';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { ormOptions } from './orm-options';

/** Applies every pending migration; returns the names applied. */
export async function runMigrations(url: string): Promise<string[]> {
  // The migrator's progress lines go to the caller's output only when asked for.
  const orm = await MikroORM.init<PostgreSqlDriver>({ ...ormOptions(url), entities: [], logger: () => undefined });
  try {
    const applied = await orm.getMigrator().up();
    return applied.map((m) => m.name);
  } finally {
    await orm.close(true);
  }
}
