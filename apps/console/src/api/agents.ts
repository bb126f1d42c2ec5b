import { request } from './client';

let documentPaths: Promise<Set<string>> | undefined;

function routeExists(template: string): Promise<boolean> {
  documentPaths ??= request<{ paths: Record<string, unknown> }>('/api/docs-json', { anonymous: true }).then(
    (d) => new Set(Object.keys(d.paths)),
    () => new Set<string>(),
  );
  return documentPaths.then((paths) => paths.has(template));
}
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
  /**
   * Routes this server may not have yet (runs, conversations): asked only when the OpenAPI document
   * lists them, so a missing route costs no 404 in the browser console; undefined unless it answers 200.
   */
  optional: async <T>(template: string, path: string): Promise<T | undefined> => {
    if (!(await routeExists(template))) return undefined;
    try {
      return await request<T>(path);
    } catch {
      return undefined;
    }
  },
};
