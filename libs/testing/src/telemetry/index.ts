export { insertRows, ensureDailyPartitions } from './insert-rows.sql';
export type { FixtureTable, PartitionedTable, StoredRow } from './insert-rows.sql';
export { insertSamples, insertLlmCalls, insertToolCalls, insertEvents, insertApiRequests } from './telemetry.factory';
export type { SampleRow, LlmCallRow, ToolCallRow, EventRow, ApiRequestRow } from './telemetry.factory';
export {
  insertModelPrices,
  insertAlertRules,
  insertAlerts,
  insertAlertChannels,
  insertAlertDeliveries,
  insertJobRuns,
  insertAgentBudgets,
  insertIdempotencyKeys,
} from './state.factory';
export type { ModelPriceRow, AlertRuleRow, AlertRow, AlertChannelRow, AlertDeliveryRow, JobRunRow, AgentBudgetRow, IdempotencyKeyRow } from './state.factory';
export { insertSampleRollups, insertLlmRollups, insertRollupDirty } from './rollups.factory';
export type { SampleRollupRow, LlmRollupRow, RollupDirtyRow } from './rollups.factory';
export { generateSamples, generateLlmCalls, rowNumber, rowObject, rowTime } from './series.sql';
export type { RowExpression, TimeStep, SampleSeries, LlmCallSeries } from './series.sql';
