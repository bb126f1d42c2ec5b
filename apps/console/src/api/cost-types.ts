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
export type RateSource = 'model' | 'fallback' | 'client';
/** token_cost of a row split by token type (USD); null or absent when a call of the row has no stored split. */
export type CostsByType = Partial<
  Record<
    | 'input'
    | 'output'
    | 'cache_read'
    | 'cache_write_5m'
    | 'cache_write_1h'
    | 'reasoning'
    | 'audio_input'
    | 'audio_output'
    | 'image_input'
    | 'cache_read_audio'
    | 'cache_read_image'
    | 'request',
    number
  >
>;
export interface AgentCostModel {
  model: string;
  provider: string | null;
  calls: number;
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  cache_creation_5m_input_tokens: number;
  cache_creation_1h_input_tokens: number;
  reasoning_output_tokens: number;
  audio_input_tokens: number;
  audio_output_tokens: number;
  image_input_tokens: number;
  rate_source: RateSource;
  price_source: 'owner' | 'admin' | 'catalogue' | null;
  price_version: string | null;
  token_cost: number;
  costs_by_type?: CostsByType | null;
}
export interface Unpriced {
  calls: number;
  input_tokens: number;
  output_tokens: number;
  models: { model: string; calls: number; tokens: number }[];
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
      models: AgentCostModel[];
      unpriced: Unpriced;
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
/** USD per 1M tokens; null: the type has no rate of its own and is billed inside its parent type. */
export interface PriceRates {
  inputPer1M: number | null;
  outputPer1M: number | null;
  cacheReadPer1M: number | null;
  cacheWrite5mPer1M: number | null;
  cacheWrite1hPer1M: number | null;
  audioInputPer1M: number | null;
  audioOutputPer1M: number | null;
  cacheReadAudioPer1M: number | null;
  imageInputPer1M: number | null;
  cacheReadImagePer1M: number | null;
  reasoningPer1M: number | null;
}
export interface ModelPrice extends PriceRates {
  model: string;
  provider: string | null;
  tiers: (PriceRates & { aboveInputTokens: number })[];
  perRequest: number | null;
  timeOfDay: { start: string; end: string } | null;
  otherPrices: Record<string, unknown>;
  source: 'catalogue' | 'admin' | 'owner';
  catalogueVersion: string | null;
  effectiveFrom: string;
}
