import { EnvReader } from '../env-reader';

export interface ServerConfig {
  nodeEnv: 'development' | 'production' | 'test';
  port: number;
  host: string;
  bodyLimitBytes: number;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  dataDir: string;
  metricsToken?: string;
  shutdownDrainMs: number;
}

export function readServerConfig(env: EnvReader): ServerConfig {
  const nodeEnv = env.oneOf('NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  return {
    nodeEnv,
    port: env.int('PORT', 3000, 0, 65535),
    host: env.string('HOST', '127.0.0.1'),
    bodyLimitBytes: Math.round(env.number('BODY_LIMIT_MB', 5, 0.001, 1024) * 1024 * 1024),
    logLevel: env.oneOf('LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info', [
      'fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent',
    ] as const),
    dataDir: env.string('DATA_DIR', '.data'),
    metricsToken: env.optionalString('METRICS_TOKEN'),
    shutdownDrainMs: env.int('SHUTDOWN_DRAIN_MS', nodeEnv === 'production' ? 5000 : 0, 0, 120000),
  };
}
