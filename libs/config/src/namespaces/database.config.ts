import { EnvReader } from '../env-reader';

export interface DatabaseConfig {
  /** Unset: the server starts an embedded PostgreSQL with its data under DATA_DIR/pg. */
  url?: string;
  poolMax: number;
  debug: boolean;
  /** Server-side cap on every statement; the client gives up shortly after (a silent server). */
  statementTimeoutMs: number;
  /** PostgreSQL ends a session that leaves a transaction open and idle this long. */
  idleInTransactionTimeoutMs: number;
}

export function readDatabaseConfig(env: EnvReader): DatabaseConfig {
  const url = env.optionalString('DATABASE_URL');
  if (url !== undefined && !/^postgres(ql)?:\/\//.test(url)) {
    env.fail('DATABASE_URL must start with postgres:// or postgresql://');
  }
  return {
    url,
    poolMax: env.int('DATABASE_POOL_MAX', 10, 1, 200),
    debug: env.bool('DATABASE_DEBUG', false),
    statementTimeoutMs: env.int('DATABASE_STATEMENT_TIMEOUT_MS', 10_000, 100, 3_600_000),
    idleInTransactionTimeoutMs: env.int('DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_MS', 60_000, 100, 86_400_000),
  };
}
