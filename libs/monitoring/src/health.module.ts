import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthController } from './controllers/health.controller';

/**
 * `/health/live` and `/health/ready` (probes: public, outside the /api prefix). A module of its own
 * so the composition can mount the probes first, ahead of every feature route; the component
 * report `/api/monitoring/health` is MonitoringModule's (MonitoringHealthService).
 */
@Module({
  imports: [TerminusModule.forRoot({ logger: false })],
  controllers: [HealthController],
})
export class HealthModule {}
