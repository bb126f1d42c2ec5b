import { EnvReader } from '../env-reader';

export interface TelemetryConfig {
  rawRetentionDays: number;
  rollupRetentionDays: number;
  costFallbackPer1k: number;
  maxIngestItems: number;
  futureToleranceSeconds: number;
}

export function readTelemetryConfig(env: EnvReader): TelemetryConfig {
  return {
    rawRetentionDays: env.int('RAW_RETENTION_DAYS', 30, 1, 3650),
    rollupRetentionDays: env.int('ROLLUP_RETENTION_DAYS', 400, 1, 36500),
    costFallbackPer1k: env.number('COST_FALLBACK_PER_1K', 0.002, 0, 1000),
    maxIngestItems: env.int('INGEST_MAX_ITEMS', 10000, 1, 100000),
    futureToleranceSeconds: 300,
  };
}
