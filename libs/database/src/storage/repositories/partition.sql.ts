/** Every table range-partitioned by day on `ts`. */
export const DAILY_PARTITIONED_TABLES = ['metric_samples', 'llm_calls', 'tool_calls', 'events', 'api_requests'] as const;
/** Days of partitions kept ready past today, so a missed hourly run or two changes nothing. */
export const PARTITION_DAYS_AHEAD = 7;

export type DailyPartitionedTable = (typeof DAILY_PARTITIONED_TABLES)[number];

/** Creates the missing daily partitions of [from, to]; gives up with 55P03 after the lock timeout. */
export const ENSURE_DAILY_PARTITIONS_SQL = `select fw_ensure_daily_partitions(?::regclass, ?::date, ?::date, ?::integer) as created`;

/** SQLSTATE lock_not_available: the lock timeout fired. */
export const LOCK_NOT_AVAILABLE = '55P03';

/** Drops the daily partitions wholly before the day; answers how many went. */
export const DROP_DAILY_PARTITIONS_BEFORE_SQL = `select fw_drop_daily_partitions_before(?::regclass, ?::date) as dropped`;

/**
 * Hourly rollups (ordinary tables keyed by hour): retention deletes their old hours. The rollup
 * engine owns these tables, but their schema comes from this lib's migrations and the engine's lib
 * depends on this one, so the names are listed here rather than asked of it; a migration adding a
 * rollup table adds its name here.
 */
export const ROLLUP_TABLES = ['rollup_samples_hourly', 'rollup_owner_samples_hourly', 'rollup_llm_hourly', 'rollup_tool_hourly'] as const;
export type RollupTable = (typeof ROLLUP_TABLES)[number];

/** One rollup table's hours before ?: the table name comes from ROLLUP_TABLES only. */
export function deleteRollupHoursBeforeSql(table: RollupTable): string {
  return `delete from ${table} where hour < ?`;
}
