import { EnvReader } from '../env-reader';

export interface DatabaseConfig {
  /** Unset: the server starts an embedded PostgreSQL with its data under DATA_DIR/pg. */
  url?: string;
  poolMax: number;
  debug: boolean;
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
  };
}
