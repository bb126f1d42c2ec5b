import { MINUTE_MS } from '@fleetwatch/common';
import { AlertStatus, Comparator, NoDataMode } from '../alerts.constants';

/** What the state machine needs from a rule. */
export interface RuleCondition {
  comparator: Comparator;
  threshold: number;
  forMinutes: number;
  keepFiringForMinutes: number;
  noData: NoDataMode;
}

/** The persisted state of one (rule, agent) alert. */
export interface AlertState {
  status: AlertStatus;
  /** The observed value when the alert started, or when it fired. */
  value: number | null;
  startedAt: Date;
  firedAt: Date | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  /** First evaluation at which a fired alert's condition stopped holding; null while it holds. */
  falseSince: Date | null;
  lastNotifiedAt: Date | null;
}

export interface Observation {
  /** Rows in the window; 0 means "no data". */
  count: number;
  value: number | null;
}

export interface Step {
  from: AlertStatus | null;
  to: AlertStatus;
}

export interface Decision {
  /** The state after this evaluation; null when there is no alert and none starts. */
  next: AlertState | null;
  /** Whether `next` differs from what is stored (steady states write nothing). */
  changed: boolean;
  steps: Step[];
  notify: 'alert.firing' | 'alert.resolved' | null;
  /** A repeat notification of an alert that was already firing. */
  repeat: boolean;
}

export function compare(value: number, comparator: Comparator, threshold: number): boolean {
  switch (comparator) {
    case 'gt':
      return value > threshold;
    case 'gte':
      return value >= threshold;
    case 'lt':
      return value < threshold;
    case 'lte':
      return value <= threshold;
    case 'eq':
      return value === threshold;
    case 'neq':
      return value !== threshold;
  }
}

/**
 * Whether the rule's condition holds now. Without data: `ok` says no, `alerting` says yes, and
 * `keep` repeats what the previous evaluation found for the open alert (no open alert: no).
 */
export function conditionHolds(rule: RuleCondition, open: AlertState | null, observation: Observation): boolean {
  if (observation.count > 0 && observation.value !== null) return compare(observation.value, rule.comparator, rule.threshold);
  switch (rule.noData) {
    case 'ok':
      return false;
    case 'alerting':
      return true;
    case 'keep':
      return open !== null && open.falseSince === null;
  }
}

const unchanged = (next: AlertState | null): Decision => ({ next, changed: false, steps: [], notify: null, repeat: false });

/**
 * One evaluation of one (rule, agent): pending once the condition holds, firing when it has held
 * for `forMinutes` (at once when 0), resolved once it has been false for `keepFiringForMinutes`
 * counted from the first evaluation that found it false (a pending alert that stops holding
 * resolves at once and was never notified). Acknowledged alerts resolve the same way but never
 * repeat.
 */
export function decide(rule: RuleCondition, open: AlertState | null, observation: Observation, now: Date, repeatMs: number): Decision {
  const holds = conditionHolds(rule, open, observation);
  const observed = observation.count > 0 ? observation.value : null;
  const t = now.getTime();
  if (!open) {
    if (!holds) return unchanged(null);
    const next: AlertState = {
      status: 'pending',
      value: observed,
      startedAt: now,
      firedAt: null,
      resolvedAt: null,
      resolvedBy: null,
      falseSince: null,
      lastNotifiedAt: null,
    };
    const steps: Step[] = [{ from: null, to: 'pending' }];
    if (rule.forMinutes === 0) return fire(next, steps, observed, now);
    return { next, changed: true, steps, notify: null, repeat: false };
  }

  if (open.status === 'pending') {
    if (!holds) return resolve(open, 'pending', now);
    if (t - open.startedAt.getTime() >= rule.forMinutes * MINUTE_MS) return fire(open, [], observed, now);
    return unchanged(open);
  }
  if (holds) {
    const due = open.status === 'firing' && repeatMs > 0 && open.lastNotifiedAt !== null && t - open.lastNotifiedAt.getTime() >= repeatMs;
    if (!due && open.falseSince === null) return unchanged(open);
    const next: AlertState = { ...open, falseSince: null, lastNotifiedAt: due ? now : open.lastNotifiedAt };
    return { next, changed: true, steps: [], notify: due ? 'alert.firing' : null, repeat: due };
  }
  const falseSince = open.falseSince ?? now;
  if (t - falseSince.getTime() >= rule.keepFiringForMinutes * MINUTE_MS) return resolve({ ...open, falseSince }, open.status, now);
  if (open.falseSince !== null) return unchanged(open);
  return { next: { ...open, falseSince }, changed: true, steps: [], notify: null, repeat: false };
}

function fire(state: AlertState, steps: Step[], observed: number | null, now: Date): Decision {
  return {
    next: { ...state, status: 'firing', value: observed ?? state.value, firedAt: now, lastNotifiedAt: now },
    changed: true,
    steps: [...steps, { from: 'pending', to: 'firing' }],
    notify: 'alert.firing',
    repeat: false,
  };
}

function resolve(state: AlertState, from: AlertStatus, now: Date): Decision {
  return {
    next: { ...state, status: 'resolved', resolvedAt: now, resolvedBy: 'system' },
    changed: true,
    steps: [{ from, to: 'resolved' }],
    notify: from === 'pending' ? null : 'alert.resolved',
    repeat: false,
  };
}
