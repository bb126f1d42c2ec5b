import { Options } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MIGRATIONS } from '../migrations';
import { connectionTimeouts, isReusableConnection, TimeoutOptions } from './connection-timeouts';

export interface OrmExtraOptions extends TimeoutOptions {
  poolMax?: number;
  debug?: boolean;
  /** One-shot commands (migrate): a failed connect fails at once with its own cause. */
  failFast?: boolean;
}

/** How long a request waits for a pooled connection before answering 503. */
const ACQUIRE_TIMEOUT_MS = 3000;

/**
 * One place for the MikroORM options, shared by the server and the migrate command. Migrations
 * are hand-written SQL classes listed in code (no snapshot, no globbing), because partitioned
 * telemetry tables and SQL functions are beyond what the schema generator produces.
 */
export function ormOptions(url: string, extra: OrmExtraOptions = {}): Options<PostgreSqlDriver> {
  return {
    driver: PostgreSqlDriver,
    clientUrl: url,
    extensions: [Migrator],
    forceUtcTimezone: true,
    debug: extra.debug ?? false,
    discovery: { warnWhenNoEntities: false },
    pool: { min: 0, max: extra.poolMax ?? 10, idleTimeoutMillis: 30_000 },
    // Fail fast when PostgreSQL is unreachable or silent, so callers answer 503 instead of hanging.
    driverOptions: {
      acquireConnectionTimeout: ACQUIRE_TIMEOUT_MS,
      connection: connectionTimeouts(extra),
      pool: {
        acquireTimeoutMillis: ACQUIRE_TIMEOUT_MS,
        // A failed connect does not fail the waiting request at once: the pool keeps trying until
        // the acquire timeout, so a database that comes back mid-wait still serves it.
        propagateCreateError: extra.failFast ?? false,
        createTimeoutMillis: ACQUIRE_TIMEOUT_MS,
        destroyTimeoutMillis: 1000,
        // Checked on every acquire: a connection whose last query never came back is dead.
        validate: isReusableConnection,
      },
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
