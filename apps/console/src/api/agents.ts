import { request } from './client';
import type {
  ActivityEvent,
  Agent,
  AgentStatus,
  Deployment,
  DeploymentComparison,
  FleetStatus,
  MetricRecord,
  MonitoringMetrics,
  PlatformMetrics,
  Timeseries,
} from './types';

export const agentsApi = {
  list: (status?: AgentStatus) => request<Agent[]>('/api/agents', { query: { status, limit: 500 } }),
  get: (id: string) => request<Agent>(`/api/agents/${id}`),
  deployments: (id: string) => request<Deployment[]>(`/api/agents/${id}/deployments`, { query: { limit: 50 } }),
  compare: (a: string, b: string) => request<DeploymentComparison>('/api/analytics/deployments/compare', { query: { a, b } }),
  events: (agentId?: string, limit = 20) => request<ActivityEvent[]>('/api/monitoring/events', { query: { agentId, limit } }),
  records: (id: string, type?: string, limit = 50) => request<MetricRecord[]>(`/api/agents/${id}/metrics`, { query: { type, limit } }),
  fleetStatus: () => request<FleetStatus>('/api/monitoring/fleet-status'),
  monitoringMetrics: () => request<MonitoringMetrics>('/api/monitoring/metrics'),
  platformMetrics: () => request<PlatformMetrics>('/api/metrics'),
  timeseries: (query: { metric: string; agentId?: string; start: string; end: string; interval: string; aggregation?: string }) =>
    request<Timeseries>('/api/analytics/timeseries', { query }),
};
