import { AlertStatus, Severity } from '../alerts.constants';
import { AlertRecord, contextFromRow, dateOrNull } from '../evaluation/alert-record';
import { TxSql } from '../evaluation/tx-sql';

export interface AlertJoinedRow {
  id: string;
  rule_id: string;
  agent_id: string;
  owner_id: string;
  status: AlertStatus;
  severity: Severity;
  value: number | null;
  threshold: number;
  started_at: Date;
  fired_at: Date | null;
  acknowledged_at: Date | null;
  acknowledged_by: string | null;
  resolved_at: Date | null;
  resolved_by: string | null;
  note: string | null;
  false_since: Date | null;
  last_notified_at: Date | null;
  rule_name: string;
  metric: string;
  aggregation: string;
  comparator: string;
  window_minutes: number;
  channel_ids: string[];
  agent_name: string;
}

/** Alerts with the rule and agent they belong to; `where` uses the aliases al, r and a. */
export const ALERT_JOIN = `select al.*, r.name as rule_name, r.metric, r.aggregation, r.comparator, r.window_minutes, r.channel_ids, a.name as agent_name
  from alerts al join alert_rules r on r.id = al.rule_id join agents a on a.id = al.agent_id`;

export function recordFromRow(row: AlertJoinedRow): AlertRecord {
  return {
    id: row.id,
    ctx: contextFromRow(row),
    severity: row.severity,
    threshold: Number(row.threshold),
    state: {
      status: row.status,
      value: row.value === null ? null : Number(row.value),
      startedAt: new Date(row.started_at),
      firedAt: dateOrNull(row.fired_at),
      resolvedAt: dateOrNull(row.resolved_at),
      resolvedBy: row.resolved_by,
      falseSince: dateOrNull(row.false_since),
      lastNotifiedAt: dateOrNull(row.last_notified_at),
    },
    acknowledgedAt: dateOrNull(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    note: row.note,
  };
}

export async function loadRecords(sql: TxSql, where: string, params: unknown[], forUpdate = false): Promise<AlertRecord[]> {
  const rows = await sql.all<AlertJoinedRow>(`${ALERT_JOIN} where ${where} ${forUpdate ? 'for update of al' : ''}`, params);
  return rows.map(recordFromRow);
}
