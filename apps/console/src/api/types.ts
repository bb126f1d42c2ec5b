/** Response shapes of the public API, as its OpenAPI document (/api/docs-json) describes them. */

export type Role = 'user' | 'admin';
export type Scope = 'ingest' | 'monitoring:read' | 'agents:write' | 'alerts:write';
export type AgentStatus = 'queued' | 'deploying' | 'running' | 'warning' | 'error' | 'stopped';
export type Severity = 'info' | 'warning' | 'critical';
export type AlertStatus = 'pending' | 'firing' | 'acknowledged' | 'resolved';
export type ChannelType = 'webhook' | 'slack' | 'alertmanager';
export type Aggregation = 'avg' | 'min' | 'max' | 'sum' | 'count' | 'p95' | 'p99';
export type Comparator = 'gt' | 'gte' | 'lt' | 'lte' | 'eq' | 'neq';
export type NoData = 'ok' | 'alerting' | 'keep';

export interface User {
  id: string;
  email: string;
  username: string;
  role: Role;
  plan: string | null;
  createdAt: string;
}
export interface Token {
  accessToken: string;
  tokenType: string;
  expiresIn: number;
}
export interface ApiKey {
  id: string;
  name: string;
  prefix: string;
  scopes: Scope[];
  agentId: string | null;
  createdAt: string;
  lastUsedAt: string | null;
}
export interface CreatedApiKey extends ApiKey {
  key: string;
}

export interface Agent {
  id: string;
  ownerId: string;
  name: string;
  description: string | null;
  runtime: string | null;
  model: string | null;
  labels: Record<string, string>;
  status: AgentStatus;
  statusChangedAt: string;
  lastSeenAt: string | null;
  createdAt: string;
  updatedAt: string;
}
export interface Deployment {
  id: string;
  agentId: string;
  environment: string;
  version: string | null;
  status: 'pending' | 'in_progress' | 'succeeded' | 'failed';
  error: string | null;
  configuration: Record<string, unknown>;
  createdAt: string;
  startedAt: string | null;
  finishedAt: string | null;
}

export interface FleetReason {
  code: string;
  severity: 'error' | 'warning';
  label: string;
}
export interface FleetAgent {
  agentId: string;
  name: string;
  status: string;
  severity: 'error' | 'warning';
  reasons: FleetReason[];
}
export interface FleetStatus {
  generatedAt: string;
  total: number;
  attentionCount: number;
  agents: FleetAgent[];
}
export interface MonitoringMetrics {
  agents_total: number;
  agents_running: number;
  agents_stopped: number;
  agents_error: number;
  events_today: number;
}
export interface PlatformMetrics {
  metrics: {
    agents: { total: number; active: number; inactive: number; failed: number };
    messages: { today: number; thisWeek: number; thisMonth: number };
    deployments: { total: number; successful: number; failed: number };
    uptime: { platformUptime: number; averageAgentUptime: number };
    performance: { averageResponseTime: number; successRate: number; errorRate: number; cpu: number; memory: number };
    storage: { used: number; total: number; percentUsed: number };
  };
  timestamp: string;
  status: string;
  plan: string | null;
}
export interface ActivityEvent {
  id: string;
  type: string;
  message: string;
  metadata: Record<string, unknown>;
  created_at: string;
}
export interface MetricRecord {
  id: string;
  agent_id: string;
  metric_type: string;
  value: number;
  metadata: Record<string, unknown>;
  recorded_at: string;
}

export interface TimeseriesPoint {
  ts: string;
  value: number | null;
}
export interface Timeseries {
  metric: string;
  aggregation: string;
  agentId: string | null;
  intervalSeconds: number;
  start: string;
  end: string;
  source: 'raw' | 'rollup';
  points: TimeseriesPoint[];
}

export interface TelemetryWindow {
  start: string;
  end: string;
  llmCalls: number;
  llmErrors: number;
  toolCalls: number;
  toolErrors: number;
  errorRate: number | null;
  llmLatencyP95Ms: number | null;
  costUsd: number;
  costPerCall: number | null;
}
export interface DeploymentSide extends Omit<Deployment, 'configuration'> {
  durationMs: number | null;
  before: TelemetryWindow;
  after: TelemetryWindow;
}
export interface DeploymentComparison {
  a: DeploymentSide;
  b: DeploymentSide;
  configurationDiff: {
    added: { path: string; value: unknown }[];
    removed: { path: string; value: unknown }[];
    changed: { path: string; oldValue: unknown; newValue: unknown }[];
  };
}

export interface Budget {
  agentId: string;
  monthlyUsd: number;
  softThresholdPct: number;
  hardCap: boolean;
  monthToDateUsd: number;
  percentUsed: number;
  status: 'ok' | 'warning' | 'exceeded';
  warnedThisMonth: boolean;
  pausedThisMonth: boolean;
}
export interface AgentCost {
  token_cost: number;
  total_cost: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  periodStart: string;
  periodEnd: string;
  cost_details: {
    tokens: {
      fallback_per_1k: number;
      models: {
        model: string;
        provider: string | null;
        input_tokens: number;
        output_tokens: number;
        total_tokens: number;
        rate_source: 'model' | 'fallback' | 'client';
        token_cost: number;
      }[];
    };
  };
}
export type UsagePeriod = 'current' | 'last_30_days' | 'all_time';
export interface UsageAggregate {
  period: UsagePeriod;
  periodStart: string | null;
  periodEnd: string;
  requests: number;
  successfulRequests: number;
  failedRequests: number;
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  costUsd: number;
  budget: { monthlyUsd: number; monthToDateUsd: number; percentUsed: number | null; status: 'ok' | 'warning' | 'exceeded'; agents: Budget[] };
}
export interface UsageCosts {
  period: 'current' | 'last_30_days';
  periodStart: string;
  periodEnd: string;
  totalCostUsd: number;
  byModel: { model: string; provider: string | null; requests: number; inputTokens: number; outputTokens: number; costUsd: number }[];
  byAgent: { agentId: string; name: string; requests: number; totalTokens: number; costUsd: number }[];
  byDay: { date: string; requests: number; totalTokens: number; costUsd: number }[];
  projection: {
    monthStart: string;
    monthEnd: string;
    daysInMonth: number;
    daysElapsed: number;
    monthToDateUsd: number;
    dailyRateUsd: number;
    projectedMonthUsd: number;
  };
}
export interface UsageRequest {
  id: string;
  timestamp: string;
  agentId: string;
  agentName: string;
  model: string | null;
  provider: string | null;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  status: 'success' | 'error';
  errorType: string | null;
  costUsd: number;
  rateSource: 'model' | 'fallback' | 'client';
  traceId: string | null;
}
export interface UsageRequestsPage {
  page: number;
  per_page: number;
  total: number;
  total_pages: number;
  requests: UsageRequest[];
}
export interface ModelPrice {
  model: string;
  provider: string | null;
  inputPer1M: number;
  outputPer1M: number;
  effectiveFrom: string;
}

export interface Alert {
  id: string;
  ruleId: string;
  ruleName: string;
  agentId: string;
  status: AlertStatus;
  severity: Severity;
  value: number | null;
  threshold: number;
  startedAt: string;
  firedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
}
export interface AlertHistoryEntry {
  from: AlertStatus;
  to: AlertStatus;
  value: number | null;
  actor: string;
  note: string | null;
  at: string;
}
export interface Rule {
  id: string;
  ownerId: string;
  name: string;
  metric: string;
  aggregation: Aggregation;
  comparator: Comparator;
  threshold: number;
  windowMinutes: number;
  forMinutes: number;
  keepFiringForMinutes: number;
  noData: NoData;
  severity: Severity;
  agentId: string | null;
  channelIds: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}
export type RuleInput = Omit<Rule, 'id' | 'ownerId' | 'createdAt' | 'updatedAt'>;
export interface Channel {
  id: string;
  ownerId: string;
  name: string;
  type: ChannelType;
  url: string;
  hasSecret: boolean;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface ChannelTest {
  delivered: boolean;
  statusCode: number | null;
  latencyMs: number;
  error?: string;
}
export interface Silence {
  id: string;
  ownerId: string;
  matchers: { ruleId: string | null; agentId: string | null; severity: Severity | null };
  startsAt: string;
  endsAt: string;
  comment: string;
  state: 'pending' | 'active' | 'expired';
  createdAt: string;
}
export interface Delivery {
  id: string;
  alertId: string | null;
  channelId: string;
  channelType: ChannelType;
  event: string;
  status: 'pending' | 'delivered' | 'failed' | 'suppressed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
export interface AlertsDashboard {
  byStatus: Record<AlertStatus, number>;
  bySeverity: Record<Severity, number>;
  noisiestRules: { ruleId: string; ruleName: string; fired: number }[];
  meanTimeToAcknowledgeSeconds: number | null;
  meanTimeToResolveSeconds: number | null;
  since: string;
}
