import type { AlertChannel } from '../entities/alert-channel.entity';
import type { Alert } from '../entities/alert.entity';
import type { AlertDelivery } from '../entities/alert-delivery.entity';
import type { AlertHistory } from '../entities/alert-history.entity';
import type { AlertSilence } from '../entities/alert-silence.entity';
import { ActiveSilence } from '../evaluation/silence-match';
import { RowOf } from './raw-row.type';
import { TxSql } from './tx.sql';

/** Rows travel as one jsonb parameter, so timestamps are ISO strings. */
type Jsonb<T> = { [K in keyof T]: T[K] extends Date ? string : T[K] extends Date | null ? string | null : T[K] };

export type AlertUpsertRow = Jsonb<RowOf<Alert>>;
export type HistoryInsertRow = Jsonb<Omit<RowOf<AlertHistory>, 'id'>>;
export type DeliveryInsertRow = Jsonb<
  Pick<RowOf<AlertDelivery>, 'id' | 'owner_id' | 'alert_id' | 'channel_id' | 'event' | 'body' | 'status' | 'next_attempt_at' | 'created_at'>
>;

const ALERT_COLUMNS = `id uuid, rule_id uuid, agent_id uuid, owner_id uuid, status text, severity text, value float8, threshold float8,
  started_at timestamptz, fired_at timestamptz, acknowledged_at timestamptz, acknowledged_by text, resolved_at timestamptz,
  resolved_by text, note text, false_since timestamptz, last_notified_at timestamptz`;

/** Inserts new alerts and updates the state of existing ones, in one statement. */
export async function upsertAlerts(sql: TxSql, rows: AlertUpsertRow[]): Promise<void> {
  await sql.run(
    `insert into alerts as a select * from jsonb_to_recordset(?::jsonb) as r(${ALERT_COLUMNS})
       on conflict (id) do update set status = excluded.status, value = excluded.value, fired_at = excluded.fired_at,
         acknowledged_at = excluded.acknowledged_at, acknowledged_by = excluded.acknowledged_by, resolved_at = excluded.resolved_at,
         resolved_by = excluded.resolved_by, note = excluded.note,
         false_since = excluded.false_since, last_notified_at = excluded.last_notified_at`,
    [JSON.stringify(rows)],
  );
}

export async function insertHistory(sql: TxSql, rows: HistoryInsertRow[]): Promise<void> {
  await sql.run(
    `insert into alert_history (alert_id, from_status, to_status, value, actor, note, at)
         select * from jsonb_to_recordset(?::jsonb) as r(alert_id uuid, from_status text, to_status text, value float8, actor text, note text, at timestamptz)`,
    [JSON.stringify(rows)],
  );
}

/** The enabled channels among `ids`. */
export function enabledChannels(sql: TxSql, ids: readonly string[]): Promise<Pick<AlertChannel, 'id' | 'type'>[]> {
  return sql.all<Pick<AlertChannel, 'id' | 'type'>>(`select id, type from alert_channels where enabled and id = any(?::uuid[])`, [toPgArray(ids)]);
}

/** Every silence in force at `now` (all owners). */
export async function activeSilences(sql: TxSql, now: Date): Promise<ActiveSilence[]> {
  const rows = await sql.all<Pick<RowOf<AlertSilence>, 'owner_id' | 'applies_to_all' | 'rule_id' | 'agent_id' | 'severity'>>(
    `select owner_id, applies_to_all, rule_id, agent_id, severity from alert_silences where starts_at <= ? and ends_at > ?`,
    [now, now],
  );
  return rows.map((s) => ({ ownerId: s.owner_id, appliesToAll: s.applies_to_all, ruleId: s.rule_id, agentId: s.agent_id, severity: s.severity }));
}

export async function insertDeliveries(sql: TxSql, rows: DeliveryInsertRow[]): Promise<void> {
  await sql.run(
    `insert into alert_deliveries (id, owner_id, alert_id, channel_id, event, body, status, next_attempt_at, created_at)
       select * from jsonb_to_recordset(?::jsonb) as r(id uuid, owner_id uuid, alert_id uuid, channel_id uuid, event text, body text, status text,
         next_attempt_at timestamptz, created_at timestamptz)`,
    [JSON.stringify(rows)],
  );
}

/** A PostgreSQL array literal for a list of uuids (bound as one parameter). */
export function toPgArray(values: readonly string[]): string {
  return `{${values.join(',')}}`;
}
