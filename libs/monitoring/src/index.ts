export { MonitoringModule } from './monitoring.module';
export { HealthModule } from './health.module';
export { RequestLogBuffer } from './requests/request-log.buffer';
export type { RequestLogEntry } from './requests/request-log.buffer';
export { MonitoringService, monthBounds } from './services/monitoring.service';
export { FleetGauges } from './prometheus/fleet-gauges.metrics';
export { fleetReasons, formatDuration, STUCK_DEPLOYING_MS, TELEMETRY_STALLED_MS } from './fleet/fleet-reasons';
export type { FleetReason, FleetReasonCode, FleetAgentState } from './fleet/fleet-reasons';
