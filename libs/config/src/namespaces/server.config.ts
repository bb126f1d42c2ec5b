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
  /** Deepest nesting of arrays and objects a JSON body may have (JSON_MAX_DEPTH). */
  jsonMaxDepth: number;
  /** Most keys one JSON object may have; arrays are not capped by it (JSON_MAX_KEYS). */
  jsonMaxKeys: number;
  /** A request's headers must arrive within this (HTTP_HEADERS_TIMEOUT_MS). */
  headersTimeoutMs: number;
  /** A whole request, body included, must arrive within this (HTTP_REQUEST_TIMEOUT_MS). */
  requestTimeoutMs: number;
}

export function readServerConfig(env: EnvReader): ServerConfig {
  const nodeEnv = env.oneOf('NODE_ENV', 'development', ['development', 'production', 'test'] as const);
  // 120 s lets a 5 MB body arrive at ~44 kB/s; a client trickling bytes is cut off at that bound.
  const requestTimeoutMs = env.int('HTTP_REQUEST_TIMEOUT_MS', 120_000, 1000, 3_600_000);
  const headersTimeoutMs = env.int('HTTP_HEADERS_TIMEOUT_MS', Math.min(30_000, requestTimeoutMs), 1000, 3_600_000);
  // Node refuses a headers timeout longer than the request timeout, and it would never fire anyway.
  if (headersTimeoutMs > requestTimeoutMs)
    env.fail(`HTTP_HEADERS_TIMEOUT_MS (${headersTimeoutMs}) must not exceed HTTP_REQUEST_TIMEOUT_MS (${requestTimeoutMs})`);
  return {
    nodeEnv,
    port: env.int('PORT', 3000, 0, 65535),
    host: env.string('HOST', '127.0.0.1'),
    bodyLimitBytes: Math.round(env.number('BODY_LIMIT_MB', 5, 0.001, 1024) * 1024 * 1024),
    logLevel: env.oneOf('LOG_LEVEL', nodeEnv === 'test' ? 'silent' : 'info', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const),
    dataDir: env.string('DATA_DIR', '.data'),
    metricsToken: env.optionalString('METRICS_TOKEN'),
    shutdownDrainMs: env.int('SHUTDOWN_DRAIN_MS', nodeEnv === 'production' ? 5000 : 0, 0, 120000),
    jsonMaxDepth: env.int('JSON_MAX_DEPTH', 32, 2, 1000),
    jsonMaxKeys: env.int('JSON_MAX_KEYS', 1000, 1, 1_000_000),
    headersTimeoutMs,
    requestTimeoutMs,
  };
}
