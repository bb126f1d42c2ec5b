/** Response shapes of the cost, budget, usage and price routes. */
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
