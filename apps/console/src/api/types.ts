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

export type * from './cost-types';
export type * from './alert-types';
export type * from './run-types';
