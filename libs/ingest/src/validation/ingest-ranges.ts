/**
 * The finite range of every numeric ingest field. Shared jobs (rollups, alert evaluation) sum and
 * average these values over every tenant's rows in double precision; with these bounds no sum over
 * any realistic number of rows can overflow, so one tenant's extreme value cannot fail a job for all.
 */
export const INGEST_RANGES = {
  /** |sample value|: 1e15 still holds integers exactly in a double (2^53 ≈ 9.007e15). */
  sampleValueAbsMax: 1e15,
  /** latencyMs and durationMs: 1e12 ms is about 31.7 years. */
  durationMsMax: 1e12,
  /** inputTokens and outputTokens: one call's count fits PostgreSQL `integer`; sums are `bigint`. */
  tokensMax: 2_147_483_647,
  /** costUsd: the hourly cost rollup holds < 1e14 per agent, hour and model, i.e. 1e8 calls at this maximum. */
  costUsdMax: 1e6,
} as const;
