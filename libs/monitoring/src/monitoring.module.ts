import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { AlertsModule } from '@fleetwatch/alerts';
import { MonitoringController } from './controllers/monitoring.controller';
import { DashboardRepository } from './dashboard/dashboard.repository';
import { DashboardService } from './dashboard/dashboard.service';
import { MonitoringHealthService } from './health/monitoring-health.service';
import { MonitoringRepository } from './overview/monitoring.repository';
import { MonitoringService } from './overview/monitoring.service';
import { FleetGauges } from './prometheus/fleet-gauges';
import { RequestLogBuffer } from './requests/request-log.buffer';
import { RequestLogHook } from './requests/request-log.hook';

@Module({
  imports: [AgentsModule, AlertsModule],
  controllers: [MonitoringController],
  providers: [MonitoringRepository, MonitoringService, DashboardRepository, DashboardService, MonitoringHealthService, RequestLogBuffer, RequestLogHook, FleetGauges],
  exports: [RequestLogBuffer, MonitoringService],
})
export class MonitoringModule {}
