import { MINUTE_MS } from '@fleetwatch/common';

export type Severity = 'error' | 'warning';

export const FLEET_REASON_CODES = ['error', 'budget_paused', 'warning', 'stuck_deploying', 'budget_warning', 'telemetry_stalled', 'runaway_run'] as const;
export type FleetReasonCode = (typeof FLEET_REASON_CODES)[number];

export interface FleetReason {
  code: FleetReasonCode;
  severity: Severity;
  label: string;
}

/** What the roll-up knows about one agent, read from stored state. */
export interface FleetAgentState {
  id: string;
  name: string;
  status: string;
  statusChangedAt: Date;
  /** Latest resource sample (container telemetry); LLM or tool calls alone do not count. */
  lastSampleAt: Date | null;
  budget: { monthlyUsd: number; softThresholdPct: number; pausedThisMonth: boolean } | null;
  monthToDateUsd: number;
  /** Its oldest run still running past RUNAWAY_RUN_MAX_STEPS or RUNAWAY_RUN_MAX_MINUTES, and how many such runs it has. */
  runawayRun?: { id: string; name: string | null; steps: number; startedAt: Date; count: number } | null;
}

/** Queued or deploying for longer than this (strictly) is stuck. */
export const STUCK_DEPLOYING_MS = 10 * MINUTE_MS;
/** A running agent silent for longer than this (strictly) has stalled telemetry. */
export const TELEMETRY_STALLED_MS = 5 * MINUTE_MS;

/** "45s", "18m", "2h 5m", "3d 4h": floors, so a label never overstates. */
export function formatDuration(ms: number): string {
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 ? `${hours}h ${minutes % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

function money(value: number): string {
  return `$${value.toFixed(2)}`;
}

/**
 * The reasons an agent needs attention at `now`, errors first. Telemetry age is measured from the
 * later of `last_sample_at` (set by ingest whenever it stores a resource sample for the agent) and the moment
 * the agent became `running`, so a freshly (re)deployed agent gets five minutes to report.
 */
export function fleetReasons(agent: FleetAgentState, now: Date): FleetReason[] {
  const reasons: FleetReason[] = [];
  const inStatusMs = now.getTime() - agent.statusChangedAt.getTime();
  if (agent.status === 'error') reasons.push({ code: 'error', severity: 'error', label: `In error for ${formatDuration(inStatusMs)}` });
  if (agent.budget?.pausedThisMonth && agent.status === 'stopped') {
    reasons.push({ code: 'budget_paused', severity: 'error', label: 'Paused — budget cap reached' });
  }
  if (agent.status === 'warning') reasons.push({ code: 'warning', severity: 'warning', label: `In warning for ${formatDuration(inStatusMs)}` });
  if ((agent.status === 'queued' || agent.status === 'deploying') && inStatusMs > STUCK_DEPLOYING_MS) {
    const verb = agent.status === 'queued' ? 'queued' : 'deploying';
    reasons.push({ code: 'stuck_deploying', severity: 'warning', label: `Stuck ${verb} for ${formatDuration(inStatusMs)}` });
  }
  if (agent.budget && agent.status === 'running') {
    const { monthlyUsd, softThresholdPct } = agent.budget;
    const percent = (agent.monthToDateUsd / monthlyUsd) * 100;
    if (percent >= softThresholdPct) {
      reasons.push({
        code: 'budget_warning',
        severity: 'warning',
        label: `Budget ${Math.floor(percent)}% used (${money(agent.monthToDateUsd)} of ${money(monthlyUsd)} this month)`,
      });
    }
  }
  if (agent.status === 'running') {
    const since = Math.max(agent.lastSampleAt?.getTime() ?? 0, agent.statusChangedAt.getTime());
    const silentMs = now.getTime() - since;
    if (silentMs > TELEMETRY_STALLED_MS) {
      reasons.push({ code: 'telemetry_stalled', severity: 'warning', label: `No telemetry for ${formatDuration(silentMs)}` });
    }
  }
  if (agent.runawayRun) {
    const run = agent.runawayRun;
    const more = run.count > 1 ? ` (+${run.count - 1} more)` : '';
    reasons.push({
      code: 'runaway_run',
      severity: 'warning',
      label: `Run ${run.name ?? run.id} still running after ${formatDuration(now.getTime() - run.startedAt.getTime())} and ${run.steps} steps${more}`,
    });
  }
  return reasons;
}

export function worstSeverity(reasons: FleetReason[]): Severity {
  return reasons.some((r) => r.severity === 'error') ? 'error' : 'warning';
}
