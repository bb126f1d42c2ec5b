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
