import { ChannelType, NotifyEvent } from '../alerts.constants';
import { AlertRecord, toAlertDto } from '../evaluation/alert-record';

export interface PayloadInput {
  deliveryId: string;
  event: NotifyEvent;
  /** Absent for `test`. */
  record?: AlertRecord;
  repeat: boolean;
  now: Date;
  /**
   * How long Alertmanager should keep a firing alert active without hearing from us again: until
   * past the next repeat notification. Absent when repeats are off (Alertmanager's resolve_timeout).
   */
  firingHoldMs?: number;
}

const COMPARATOR_TEXT: Record<string, string> = { gt: '>', gte: '>=', lt: '<', lte: '<=', eq: '==', neq: '!=' };

function headline(input: PayloadInput): string {
  const r = input.record;
  if (!r) return 'Fleetwatch test notification';
  const verb = input.event === 'alert.firing' ? (input.repeat ? 'FIRING (repeat)' : 'FIRING') : input.event === 'alert.resolved' ? 'RESOLVED' : 'ACKNOWLEDGED';
  return `[${verb}] ${r.ctx.ruleName} on ${r.ctx.agentName}`;
}

function condition(record: AlertRecord): string {
  const c = record.ctx;
  const value = record.state.value === null ? 'no data' : String(record.state.value);
  return `${c.aggregation}(${c.metric}) over ${c.windowMinutes} min = ${value} (${COMPARATOR_TEXT[c.comparator] ?? c.comparator} ${record.threshold})`;
}

function webhookBody(input: PayloadInput): unknown {
  const r = input.record;
  return {
    id: input.deliveryId,
    event: input.event,
    repeat: input.repeat,
    occurredAt: input.now.toISOString(),
    alert: r ? toAlertDto(r) : null,
    rule: r
      ? {
          id: r.ctx.ruleId,
          name: r.ctx.ruleName,
          metric: r.ctx.metric,
          aggregation: r.ctx.aggregation,
          comparator: r.ctx.comparator,
          threshold: r.threshold,
          windowMinutes: r.ctx.windowMinutes,
          severity: r.severity,
        }
      : null,
    agent: r ? { id: r.ctx.agentId, name: r.ctx.agentName } : null,
  };
}

function slackBody(input: PayloadInput): unknown {
  const r = input.record;
  if (!r) return { text: headline(input) };
  return { text: `${headline(input)} (${r.severity}): ${condition(r)}` };
}

/**
 * Alertmanager's v2 alert list. Labels identify the alert instance (one per rule and agent); a
 * resolve carries endsAt; a firing alert carries endsAt past the next repeat, so Alertmanager keeps
 * it active between our notifications instead of expiring it after its resolve_timeout. A test
 * sends an alert that is already over.
 */
function alertmanagerBody(input: PayloadInput): unknown {
  const r = input.record;
  if (!r) {
    const at = input.now.toISOString();
    return [{ labels: { alertname: 'FleetwatchTest', severity: 'info' }, annotations: { summary: headline(input) }, startsAt: at, endsAt: at }];
  }
  const alert: Record<string, unknown> = {
    labels: { alertname: r.ctx.ruleName, severity: r.severity, agent: r.ctx.agentName, agent_id: r.ctx.agentId, rule_id: r.ctx.ruleId },
    annotations: { summary: headline(input), description: condition(r), alert_id: r.id },
    startsAt: (r.state.firedAt ?? r.state.startedAt).toISOString(),
  };
  if (input.event === 'alert.resolved') alert.endsAt = (r.state.resolvedAt ?? input.now).toISOString();
  else if (input.event === 'alert.firing' && input.firingHoldMs) alert.endsAt = new Date(input.now.getTime() + input.firingHoldMs).toISOString();
  return [alert];
}

/** Whether a channel type gets this event at all: Alertmanager has no notion of acknowledgement. */
export function channelTakes(type: ChannelType, event: NotifyEvent): boolean {
  return !(type === 'alertmanager' && event === 'alert.acknowledged');
}

/** The exact bytes sent (and signed), built once and stored so every retry sends the same body. */
export function buildBody(type: ChannelType, input: PayloadInput): string {
  switch (type) {
    case 'webhook':
      return JSON.stringify(webhookBody(input));
    case 'slack':
      return JSON.stringify(slackBody(input));
    case 'alertmanager':
      return JSON.stringify(alertmanagerBody(input));
  }
}
