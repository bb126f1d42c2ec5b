export { MetricsModule } from './metrics.module';
export {
  HISTOGRAM_GAMMA,
  HISTOGRAM_RELATIVE_ERROR,
  bucketKey,
  bucketValue,
  histogramOf,
  histogramCount,
  mergeHistograms,
  percentileFromHistogram,
} from './histogram/log-histogram';
export type { Histogram } from './histogram/log-histogram';
export { RollupService } from './rollups/rollup.service';
export type { RollupPassResult } from './rollups/rollup.service';
export { RollupQueryService } from './rollups/rollup-query.service';
export type { SampleHour, LlmHour, ToolHour } from './rollups/rollup-query.service';
export { ROLLUP_JOB, HEARTBEAT_JOB } from './rollups/metrics.jobs';
export { HeartbeatService } from './uptime/heartbeat.service';
export { counter as promCounter, histogram as promHistogram } from './prometheus/prom-registry';
export { MetricsErrorCode } from './errors/metrics.error';
