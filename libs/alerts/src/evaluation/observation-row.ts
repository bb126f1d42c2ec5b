import { AlertStatus, Comparator, NoDataMode, Severity } from '../alerts.constants';
import { AlertRecord, contextFromRow, dateOrNull } from './alert-record';
import { AlertState, Observation, RuleCondition } from './rule-state';

/** One (rule, agent) row of an observation statement: the rule, the window's value, the open alert. */
export interface ObservationRow {
  rule_id: string;
  owner_id: string;
  rule_name: string;
  metric: string;
  aggregation: string;
  comparator: Comparator;
  threshold: number;
  window_minutes: number;
  for_minutes: number;
  keep_firing_for_minutes: number;
  no_data: NoDataMode;
  severity: Severity;
  channel_ids: string[];
  agent_id: string;
  agent_name: string;
  n: string | number;
  value: number | string | null;
  alert_id: string | null;
  alert_status: AlertStatus | null;
  alert_value: number | null;
  alert_started_at: Date | null;
  alert_fired_at: Date | null;
  alert_acknowledged_at: Date | null;
  alert_acknowledged_by: string | null;
  alert_false_since: Date | null;
  alert_last_notified_at: Date | null;
  alert_note: string | null;
  alert_severity: Severity | null;
  alert_threshold: number | null;
}

export function conditionOf(row: ObservationRow): RuleCondition {
  return {
    comparator: row.comparator,
    threshold: Number(row.threshold),
    forMinutes: row.for_minutes,
    keepFiringForMinutes: row.keep_firing_for_minutes,
    noData: row.no_data,
  };
}

export function observationOf(row: ObservationRow): Observation {
  return { count: Number(row.n), value: row.value === null ? null : Number(row.value) };
}

export function openStateOf(row: ObservationRow): AlertState | null {
  if (!row.alert_id || !row.alert_status) return null;
  return {
    status: row.alert_status,
    value: row.alert_value === null ? null : Number(row.alert_value),
    startedAt: dateOrNull(row.alert_started_at)!,
    firedAt: dateOrNull(row.alert_fired_at),
    resolvedAt: null,
    resolvedBy: null,
    falseSince: dateOrNull(row.alert_false_since),
    lastNotifiedAt: dateOrNull(row.alert_last_notified_at),
  };
}

/** The record to write for a decided state: a new alert snapshots the rule's severity and threshold. */
export function recordOf(row: ObservationRow, id: string, state: AlertState): AlertRecord {
  return {
    id,
    ctx: contextFromRow(row),
    severity: row.alert_severity ?? row.severity,
    threshold: Number(row.alert_threshold ?? row.threshold),
    state,
    acknowledgedAt: dateOrNull(row.alert_acknowledged_at),
    acknowledgedBy: row.alert_acknowledged_by,
    note: row.alert_note,
  };
}
