import { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MIGRATIONS } from '../migrations';

/**
 * One place for the MikroORM options, shared by the server and the migrate command. Migrations
 * are hand-written SQL classes listed in code (no snapshot, no globbing), because partitioned
 * telemetry tables and SQL functions are beyond what the schema generator produces.
 */
export function ormOptions(url: string, extra: { poolMax?: number; debug?: boolean } = {}): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    extensions: [Migrator],
    forceUtcTimezone: true,
    debug: extra.debug ?? false,
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: extra.poolMax ?? 10, idleTimeoutMillis: 30_000 },
    // Fail fast when PostgreSQL is unreachable so callers answer 503 instead of hanging.
    driverOptions: {
      acquireConnectionTimeout: 3000,
      connection: { connectionTimeoutMillis: 2000 },
      // knex prints pool errors with console.log; an outage is reported by /health/ready and by
      // 503 answers instead, so these lines would only be noise.
      log: { warn: () => undefined, error: () => undefined, deprecate: () => undefined, debug: () => undefined },
    },
    migrations: {
      tableName: 'mikro_orm_migrations',
      migrationsList: MIGRATIONS,
      snapshot: false,
      transactional: true,
      allOrNothing: true,
      disableForeignKeys: false,
    },
  };
}
