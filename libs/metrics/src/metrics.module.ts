import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { AgentMetricsController } from './agent/agent-metrics.controller';
import { AgentMetricsRepository } from './agent/agent-metrics.repository';
import { AgentMetricsService } from './agent/agent-metrics.service';
import { ObservabilityController } from './observability/observability.controller';
import { ObservabilityRepository } from './observability/observability.repository';
import { ObservabilityService } from './observability/observability.service';
import { MetricsController } from './platform/metrics.controller';
import { PlatformMetricsRepository } from './platform/platform-metrics.repository';
import { PlatformMetricsService } from './platform/platform-metrics.service';
import { PrometheusExporter } from './prometheus/prometheus.exporter';
import { MetricsJobs } from './rollups/metrics.jobs';
import { RollupService } from './rollups/rollup.service';
import { RollupQueryService } from './rollups/rollup-query.service';
import { AccountAccessService } from './shared/account-access.service';
import { HeartbeatService } from './uptime/heartbeat.service';
import { HistoricalService } from './user/historical.service';
import { MusicSummaryRepository } from './user/music-summary.repository';
import { MusicSummaryService } from './user/music-summary.service';
import { UserMetricsRepository } from './user/user-metrics.repository';

@Module({
  imports: [AgentsModule],
  controllers: [MetricsController, AgentMetricsController, ObservabilityController],
  providers: [
    AccountAccessService,
    AgentMetricsRepository,
    AgentMetricsService,
    HeartbeatService,
    HistoricalService,
    MetricsJobs,
    MusicSummaryRepository,
    MusicSummaryService,
    ObservabilityRepository,
    ObservabilityService,
    PlatformMetricsRepository,
    PlatformMetricsService,
    PrometheusExporter,
    RollupQueryService,
    RollupService,
    UserMetricsRepository,
  ],
  exports: [RollupService, RollupQueryService, HeartbeatService],
})
export class MetricsModule {}
