/** Every table range-partitioned by day on `ts`. */
export const DAILY_PARTITIONED_TABLES = ['metric_samples', 'llm_calls', 'tool_calls', 'events', 'api_requests'] as const;
/** Days of partitions kept ready past today, so a missed hourly run or two changes nothing. */
export const PARTITION_DAYS_AHEAD = 7;

export type DailyPartitionedTable = (typeof DAILY_PARTITIONED_TABLES)[number];

/** Creates the missing daily partitions of [from, to]; gives up with 55P03 after the lock timeout. */
export const ENSURE_DAILY_PARTITIONS_SQL = `select fw_ensure_daily_partitions(?::regclass, ?::date, ?::date, ?::integer) as created`;

/** SQLSTATE lock_not_available: the lock timeout fired. */
export const LOCK_NOT_AVAILABLE = '55P03';
