import type { Client } from 'pg';

/** Tables the factories write; partitioned ones name the column their daily partitions range over. */
const PARTITION_COLUMN = {
  metric_samples: 'ts',
  llm_calls: 'ts',
  tool_calls: 'ts',
  events: 'ts',
  api_requests: 'ts',
  model_prices: null,
  alert_rules: null,
  alerts: null,
  alert_channels: null,
  alert_deliveries: null,
  job_runs: null,
  agent_budgets: null,
  idempotency_keys: null,
  rollup_samples_hourly: null,
  rollup_llm_hourly: null,
  rollup_dirty: null,
} as const;

export type FixtureTable = keyof typeof PARTITION_COLUMN;
export type PartitionedTable = { [T in FixtureTable]: (typeof PARTITION_COLUMN)[T] extends null ? never : T }[FixtureTable];

/** A row as stored: snake_case column names; Dates become ISO text, objects jsonb. */
export type StoredRow = Record<string, unknown>;

const utcDay = (value: unknown): string => new Date(value as string | Date).toISOString().slice(0, 10);

export function partitionColumnOf(table: FixtureTable): string | null {
  return PARTITION_COLUMN[table];
}

/** Creates the daily partitions covering `from`..`to` (UTC days) when they are missing; a no-op otherwise. */
export async function ensureDailyPartitions(sql: Client, table: PartitionedTable, from: string | Date, to: string | Date = from): Promise<void> {
  await sql.query(`select fw_ensure_daily_partitions($1::regclass, $2::date, $3::date)`, [table, utcDay(from), utcDay(to)]);
}

/**
 * The one insert every factory goes through: a single multi-row statement (so statement-level
 * triggers see the rows together, as after an ingest batch), typed by the table's own row type.
 * Columns no row names are left to their database default; a column some rows name and others
 * omit is null in the latter. Returns the `returning` column of each row, in input order.
 */
export async function insertRows(sql: Client, table: FixtureTable, rows: StoredRow[], returning = 'id'): Promise<string[]> {
  if (rows.length === 0) return [];
  const records = rows.map(dropUndefined);
  const partitionColumn = partitionColumnOf(table);
  if (partitionColumn) {
    const days = records.map((r) => utcDay(r[partitionColumn])).sort();
    await ensureDailyPartitions(sql, table as PartitionedTable, days[0], days[days.length - 1]);
  }
  const columns = [...new Set(records.flatMap((r) => Object.keys(r)))];
  const list = columns.map((c) => `"${c}"`).join(', ');
  const { rows: inserted } = await sql.query<{ key: string }>(
    `insert into ${table} (${list})
     select ${list} from jsonb_populate_recordset(null::${table}, $1::jsonb) with ordinality as r
     order by r.ordinality
     returning "${returning}"::text as key`,
    [JSON.stringify(records)],
  );
  return inserted.map((r) => r.key);
}

function dropUndefined(row: StoredRow): StoredRow {
  return Object.fromEntries(Object.entries(row).filter(([, v]) => v !== undefined));
}

/**
 * A fixture row (camelCase; a digit run starts a word: inputPer1m → input_per_1m) over its defaults, as the table's snake_case columns. A key given as
 * `undefined` keeps its default, so optional fields can be passed through unchanged.
 */
export function withDefaults(defaults: object, row: object): StoredRow {
  const merged = { ...defaults, ...dropUndefined(row as StoredRow) };
  return Object.fromEntries(Object.entries(merged).map(([k, v]) => [k.replace(/[A-Z]|\d+/g, (c) => `_${c.toLowerCase()}`), v]));
}
