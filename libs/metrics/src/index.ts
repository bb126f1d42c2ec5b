export { MetricsModule } from './metrics.module';
export { HEARTBEAT_JOB } from './jobs/heartbeat.job';
export { HeartbeatService } from './services/heartbeat.service';
export { MetricsErrorCode } from './errors/metrics.error';
