import { AlertStatus, NotifyEvent, Severity } from '../alerts.constants';
import { AlertResponseDto } from '../dto/alert.dto';
import { AlertState } from './rule-state';

/** The rule and agent an alert belongs to, as notifications and the activity log describe them. */
export interface AlertContext {
  ruleId: string;
  ruleName: string;
  metric: string;
  aggregation: string;
  comparator: string;
  windowMinutes: number;
  ownerId: string;
  channelIds: string[];
  agentId: string;
  agentName: string;
}

/** The context's columns as the observation statement and the alert queries both return them. */
export interface AlertContextColumns {
  rule_id: string;
  rule_name: string;
  metric: string;
  aggregation: string;
  comparator: string;
  window_minutes: number;
  owner_id: string;
  channel_ids: string[];
  agent_id: string;
  agent_name: string;
}

export function contextFromRow(row: AlertContextColumns): AlertContext {
  return {
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
  };
}

export function dateOrNull(value: Date | string | null): Date | null {
  return value === null ? null : new Date(value);
}

/** One alert row with its context. */
export interface AlertRecord {
  id: string;
  ctx: AlertContext;
  severity: Severity;
  threshold: number;
  state: AlertState;
  acknowledgedAt: Date | null;
  acknowledgedBy: string | null;
  note: string | null;
}

export interface HistoryEntry {
  record: AlertRecord;
  from: AlertStatus | null;
  to: AlertStatus;
  actor: string;
  note: string | null;
  at: Date;
}

export interface Notification {
  record: AlertRecord;
  event: Exclude<NotifyEvent, 'test'>;
  repeat: boolean;
}

/** Everything one transaction writes: alert rows, their history, the outbox and the activity log. */
export class TransitionBatch {
  readonly upserts: AlertRecord[] = [];
  readonly history: HistoryEntry[] = [];
  readonly notifications: Notification[] = [];

  get transitions(): number {
    return this.history.length;
  }
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

export function toAlertDto(record: AlertRecord): AlertResponseDto {
  return {
    id: record.id,
    ruleId: record.ctx.ruleId,
    ruleName: record.ctx.ruleName,
    agentId: record.ctx.agentId,
    status: record.state.status,
    severity: record.severity,
    value: record.state.value,
    threshold: record.threshold,
    startedAt: record.state.startedAt.toISOString(),
    firedAt: iso(record.state.firedAt),
    acknowledgedAt: iso(record.acknowledgedAt),
    acknowledgedBy: record.acknowledgedBy,
    resolvedAt: iso(record.state.resolvedAt),
    resolvedBy: record.state.resolvedBy,
    note: record.note,
  };
}
