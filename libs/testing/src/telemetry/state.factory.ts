import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { insertRows, withDefaults } from './insert-rows.sql';

/*
 * Configuration and state rows the API cannot create as a test needs them: backdated, in a
 * state only a job reaches, or breaking a rule the API enforces. Same conventions as the
 * telemetry factories (neutral defaults for NOT NULL columns, null for nullable ones).
 */

type Stamp = string | Date;

export interface ModelPriceRow {
  id?: string;
  model: string;
  provider?: string | null;
  inputPer1m: number | null;
  outputPer1m: number | null;
  /** Default 'admin' (an override); 'owner' needs ownerId. */
  source?: 'admin' | 'owner';
  ownerId?: string | null;
  cacheReadPer1m?: number | null;
  cacheWrite5mPer1m?: number | null;
  cacheWrite1hPer1m?: number | null;
  reasoningPer1m?: number | null;
  audioInputPer1m?: number | null;
  audioOutputPer1m?: number | null;
  imageInputPer1m?: number | null;
  perRequestUsd?: number | null;
  /** [{aboveInputTokens, rates}] with rate strings keyed like the pricing core's TokenRates. */
  tiers?: unknown[];
  effectiveFrom: Stamp;
}

export interface AlertRuleRow {
  id?: string;
  ownerId: string;
  name: string;
  metric: string;
  aggregation: string;
  comparator: string;
  threshold: number;
  windowMinutes: number;
  forMinutes?: number;
  keepFiringForMinutes?: number;
  noData?: 'ok' | 'alerting' | 'keep';
  severity?: 'info' | 'warning' | 'critical';
  agentId?: string | null;
  createdAt: Stamp;
  updatedAt?: Stamp;
}

export interface AlertRow {
  id?: string;
  ruleId: string;
  agentId: string;
  ownerId: string;
  status: 'pending' | 'firing' | 'acknowledged' | 'resolved';
  severity: string;
  value?: number | null;
  threshold: number;
  startedAt: Stamp;
  firedAt?: Stamp | null;
  acknowledgedAt?: Stamp | null;
  resolvedAt?: Stamp | null;
  lastNotifiedAt?: Stamp | null;
}

export interface AlertChannelRow {
  id?: string;
  ownerId: string;
  name: string;
  type: 'webhook' | 'slack' | 'alertmanager';
  url: string;
  createdAt: Stamp;
  updatedAt?: Stamp;
}

export interface AlertDeliveryRow {
  id?: string;
  ownerId: string;
  channelId: string;
  alertId?: string | null;
  event: string;
  body?: string;
  status: 'pending' | 'delivered' | 'failed' | 'suppressed';
  nextAttemptAt: Stamp;
  createdAt: Stamp;
}

export interface JobRunRow {
  name: string;
  intervalMs: number;
  lastStartedAt?: Stamp | null;
  lastFinishedAt?: Stamp | null;
  lastDurationMs?: number | null;
  lastError?: string | null;
  runs?: number;
  failures?: number;
}

export interface AgentBudgetRow {
  agentId: string;
  monthlyUsd: number;
  softThresholdPct?: number;
  hardCap?: boolean;
  /** A month (YYYY-MM-01) the hard cap has already paused the agent in. */
  pausedMonth?: string | null;
}

export interface IdempotencyKeyRow {
  userId: string;
  key: string;
  requestHash: string;
  status: 'in_flight' | 'done';
  createdAt: Stamp;
}

const id = () => ({ id: randomUUID() });

export function insertModelPrices(sql: Client, rows: ModelPriceRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'model_prices',
    rows.map((r) => withDefaults({ ...id(), provider: null, source: 'admin' }, r)),
  );
}

export function insertAlertRules(sql: Client, rows: AlertRuleRow[]): Promise<string[]> {
  const defaults = { forMinutes: 0, keepFiringForMinutes: 0, noData: 'ok', severity: 'warning', agentId: null };
  return insertRows(
    sql,
    'alert_rules',
    rows.map((r) => withDefaults({ ...id(), ...defaults, updatedAt: r.createdAt }, r)),
  );
}

export function insertAlerts(sql: Client, rows: AlertRow[]): Promise<string[]> {
  const nullable = { value: null, firedAt: null, acknowledgedAt: null, resolvedAt: null, lastNotifiedAt: null };
  return insertRows(
    sql,
    'alerts',
    rows.map((r) => withDefaults({ ...id(), ...nullable }, r)),
  );
}

export function insertAlertChannels(sql: Client, rows: AlertChannelRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'alert_channels',
    rows.map((r) => withDefaults({ ...id(), updatedAt: r.createdAt }, r)),
  );
}

export function insertAlertDeliveries(sql: Client, rows: AlertDeliveryRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'alert_deliveries',
    rows.map((r) => withDefaults({ ...id(), alertId: null, body: '{}' }, r)),
  );
}

/** job_runs rows as the scheduler leaves them after earlier runs (by name, returned). */
export function insertJobRuns(sql: Client, rows: JobRunRow[]): Promise<string[]> {
  const defaults = { lastStartedAt: null, lastFinishedAt: null, lastDurationMs: null, lastError: null, runs: 0, failures: 0 };
  return insertRows(
    sql,
    'job_runs',
    rows.map((r) => withDefaults(defaults, r)),
    'name',
  );
}

/** Budgets by agent id (returned); pausedMonth marks a hard cap already reached, which only the job sets. */
export function insertAgentBudgets(sql: Client, rows: AgentBudgetRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'agent_budgets',
    rows.map((r) => withDefaults({ softThresholdPct: 80, hardCap: false, pausedMonth: null }, r)),
    'agent_id',
  );
}

/** Idempotency keys (returned), e.g. one still claimed `in_flight` by a request that never finished. */
export function insertIdempotencyKeys(sql: Client, rows: IdempotencyKeyRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'idempotency_keys',
    rows.map((r) => withDefaults({}, r)),
    'key',
  );
}
