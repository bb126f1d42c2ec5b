export { RollupsModule } from './rollups.module';
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
export { RollupService } from './services/rollup.service';
export type { RollupPassResult } from './services/rollup.service';
export { ROLLUP_JOB } from './jobs/rollups.job';
export {
  ROLLUP_SAMPLES_TABLE,
  ROLLUP_OWNER_SAMPLES_TABLE,
  ROLLUP_LLM_TABLE,
  ROLLUP_TOOL_TABLE,
  ROLLUP_DIRTY_TABLE,
  ROLLUP_OWNER_DIRTY_TABLE,
} from './repositories/rollup-tables.sql';
