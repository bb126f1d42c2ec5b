export { AnalyticsModule } from './analytics.module';
export { RetentionService, RAW_TABLES, ROLLUP_TABLES } from './retention/retention.service';
export type { RetentionResult } from './retention/retention.service';
export { RETENTION_JOB } from './retention/retention.job';
export { diffConfigurations } from './deployments/configuration-diff';
export { AnalyticsErrorCode } from './errors/analytics.error';
