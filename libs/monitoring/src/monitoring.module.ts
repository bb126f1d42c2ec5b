import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { AlertsModule } from '@fleetwatch/alerts';
import { MonitoringController } from './controllers/monitoring.controller';
import { FleetGauges } from './prometheus/fleet-gauges.metrics';
import { DashboardRepository } from './repositories/dashboard.repository';
import { FleetGaugesRepository } from './repositories/fleet-gauges.repository';
import { MonitoringHealthRepository } from './repositories/monitoring-health.repository';
import { MonitoringRepository } from './repositories/monitoring.repository';
import { RequestLogRepository } from './repositories/request-log.repository';
import { RunawayRunsRepository } from './repositories/runaway-runs.repository';
import { RequestLogBuffer } from './requests/request-log.buffer';
import { RequestLogHook } from './requests/request-log.hook';
import { DashboardService } from './services/dashboard.service';
import { MonitoringHealthService } from './services/monitoring-health.service';
import { MonitoringService } from './services/monitoring.service';

/** Seed 002/004 monitoring routes, the component health report, the request log and the fleet gauges (the probes: HealthModule). */
@Module({
  imports: [AgentsModule, AlertsModule],
  controllers: [MonitoringController],
  providers: [
    MonitoringRepository,
    MonitoringService,
    DashboardRepository,
    DashboardService,
    MonitoringHealthRepository,
    MonitoringHealthService,
    RequestLogRepository,
    RequestLogBuffer,
    RequestLogHook,
    FleetGaugesRepository,
    FleetGauges,
    RunawayRunsRepository,
  ],
  exports: [RequestLogBuffer, MonitoringService],
})
export class MonitoringModule {}
