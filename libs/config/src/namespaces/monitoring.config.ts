import { EnvReader } from '../env-reader';

export interface MonitoringConfig {
  /** How often buffered API request timings are written; a crash loses at most this much. */
  requestFlushMs: number;
  /** A buffer this full is written at once, without waiting for the timer. */
  requestBatchSize: number;
  /** How often the budget job compares month-to-date cost with each budget. */
  budgetCheckIntervalSeconds: number;
  /** A run still running with more steps (LLM + tool calls) than this is a runaway (fleet status). */
  runawayRunMaxSteps: number;
  /** A run still running for longer than this many minutes is a runaway (fleet status). */
  runawayRunMaxMinutes: number;
}

export function readMonitoringConfig(env: EnvReader): MonitoringConfig {
  return {
    requestFlushMs: env.int('REQUEST_LOG_FLUSH_MS', 1000, 50, 3_600_000),
    requestBatchSize: env.int('REQUEST_LOG_BATCH_SIZE', 500, 1, 100_000),
    budgetCheckIntervalSeconds: env.int('BUDGET_CHECK_INTERVAL_SECONDS', 60, 1, 86_400),
    runawayRunMaxSteps: env.int('RUNAWAY_RUN_MAX_STEPS', 200, 1, 10_000_000),
    runawayRunMaxMinutes: env.int('RUNAWAY_RUN_MAX_MINUTES', 60, 1, 525_600),
  };
}
