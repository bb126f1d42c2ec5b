import { AlertStatus, Severity } from '../alerts.constants';
import { AlertRecord } from '../evaluation/alert-record';
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

function date(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

export function recordFromRow(row: AlertJoinedRow): AlertRecord {
  return {
    id: row.id,
    ctx: {
      ruleId: row.rule_id,
      ruleName: row.rule_name,
      metric: row.metric,
      aggregation: row.aggregation,
      comparator: row.comparator,
      windowMinutes: row.window_minutes,
      ownerId: row.owner_id,
      channelIds: row.channel_ids ?? [],
      agentId: row.agent_id,
      agentName: row.agent_name,
    },
    severity: row.severity,
    threshold: Number(row.threshold),
    state: {
      status: row.status,
      value: row.value === null ? null : Number(row.value),
      startedAt: new Date(row.started_at),
      firedAt: date(row.fired_at),
      resolvedAt: date(row.resolved_at),
      resolvedBy: row.resolved_by,
      falseSince: date(row.false_since),
      lastNotifiedAt: date(row.last_notified_at),
    },
    acknowledgedAt: date(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    note: row.note,
  };
}

export async function loadRecords(sql: TxSql, where: string, params: unknown[], forUpdate = false): Promise<AlertRecord[]> {
  const rows = await sql.all<AlertJoinedRow>(`${ALERT_JOIN} where ${where} ${forUpdate ? 'for update of al' : ''}`, params);
  return rows.map(recordFromRow);
}
