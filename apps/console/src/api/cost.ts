import { download, request, requestPage } from './client';
import type { AgentCost, Budget, ModelPrice, UsageAggregate, UsageCosts, UsagePeriod, UsageRequestsPage } from './types';

export const costApi = {
  aggregate: (period: UsagePeriod) => request<UsageAggregate>('/api/usage/aggregate', { query: { period } }),
  costs: (period: 'current' | 'last_30_days') => request<UsageCosts>('/api/usage/costs', { query: { period } }),
  requests: (page: number, perPage = 20) => request<UsageRequestsPage>('/api/usage/requests', { query: { page, per_page: perPage } }),
  exportUsage: (format: 'csv' | 'json', period: UsagePeriod) => download('/api/usage/export', { format, period }, `fleetwatch-usage.${format}`),
  exportLlmCalls: (format: 'csv' | 'xlsx', start: string, end: string) =>
    download('/api/analytics/export', { dataset: 'llm_calls', format, start, end }, `fleetwatch-llm_calls.${format}`),
  agentCost: (id: string, periodStart: string, periodEnd: string) =>
    request<AgentCost>(`/api/agents/${id}/cost`, { query: { period_start: periodStart, period_end: periodEnd } }),
  budget: (id: string) => request<Budget>(`/api/agents/${id}/budget`),
  putBudget: (id: string, body: { monthlyUsd: number; softThresholdPct: number; hardCap: boolean }) =>
    request<Budget>(`/api/agents/${id}/budget`, { method: 'PUT', body }),
  agentCostDays: (id: string, days: number) => request<AgentCost>(`/api/agents/${id}/cost`, { query: { period_days: days } }),
  prices: (filter: { model?: string; provider?: string }, cursor: string | undefined) =>
    requestPage<ModelPrice>('/api/cost/models', { query: { ...filter, cursor, limit: 100 } }),
  putPrice: (
    model: string,
    body: { provider?: string | null; inputPer1M: number; outputPer1M: number; effectiveFrom?: string } & Partial<
      Record<'cacheReadPer1M' | 'cacheWrite5mPer1M' | 'cacheWrite1hPer1M', number | null>
    >,
  ) => request<ModelPrice>(`/api/cost/models/${encodeURIComponent(model)}`, { method: 'PUT', body }),
};
