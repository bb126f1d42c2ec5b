import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { AgentMetricsController } from './controllers/agent-metrics.controller';
import { ObservabilityController } from './controllers/observability.controller';
import { HeartbeatJob } from './jobs/heartbeat.job';
import { MetricsController } from './controllers/metrics.controller';
import { PrometheusExporter } from './prometheus/prometheus.exporter';
import { AgentMetricsRepository } from './repositories/agent-metrics.repository';
import { HeartbeatRepository } from './repositories/heartbeat.repository';
import { ObservabilityRepository } from './repositories/observability.repository';
import { PlatformMetricsRepository } from './repositories/platform-metrics.repository';
import { UserMetricsRepository } from './repositories/user-metrics.repository';
import { AccountAccessService } from './services/account-access.service';
import { AgentMetricsService } from './services/agent-metrics.service';
import { HeartbeatService } from './services/heartbeat.service';
import { HistoricalService } from './services/historical.service';
import { MusicSummaryService } from './services/music-summary.service';
import { ObservabilityService } from './services/observability.service';
import { PlatformMetricsService } from './services/platform-metrics.service';

/** The seed 000/003/004 read routes, the service heartbeat (uptime) and the `GET /metrics` exposition. */
@Module({
  imports: [AgentsModule],
  controllers: [MetricsController, AgentMetricsController, ObservabilityController],
  providers: [
    AccountAccessService,
    AgentMetricsRepository,
    AgentMetricsService,
    HeartbeatJob,
    HeartbeatRepository,
    HeartbeatService,
    HistoricalService,
    MusicSummaryService,
    ObservabilityRepository,
    ObservabilityService,
    PlatformMetricsRepository,
    PlatformMetricsService,
    PrometheusExporter,
    UserMetricsRepository,
  ],
  exports: [HeartbeatService],
})
export class MetricsModule {}
