export { AnalyticsModule } from './analytics.module';
export { diffConfigurations } from './deployments/configuration-diff';
export { AnalyticsErrorCode } from './errors/analytics.error';
