import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { MetricsModule } from '@fleetwatch/metrics';
import { DeploymentAnalyticsController } from './deployments/deployment-analytics.controller';
import { DeploymentAnalyticsRepository } from './deployments/deployment-analytics.repository';
import { DeploymentAnalyticsService } from './deployments/deployment-analytics.service';
import { ExportController } from './export/export.controller';
import { ExportService } from './export/export.service';
import { RowCursor } from './export/row-cursor';
import { RawSeriesRepository } from './timeseries/raw-series.repository';
import { RollupSeriesReader } from './timeseries/rollup-series.reader';
import { TimeseriesController } from './timeseries/timeseries.controller';
import { TimeseriesService } from './timeseries/timeseries.service';
import { ToolAnalyticsController } from './tools/tool-analytics.controller';
import { ToolAnalyticsService } from './tools/tool-analytics.service';
import { ToolCallsRepository } from './tools/tool-calls.repository';
import { ToolRollupReader } from './tools/tool-rollup.reader';

/** Tool and deployment analytics, charts and exports (retention lives in the database lib's StorageModule). */
@Module({
  imports: [AgentsModule, MetricsModule],
  controllers: [ToolAnalyticsController, DeploymentAnalyticsController, TimeseriesController, ExportController],
  providers: [
    ToolCallsRepository,
    ToolRollupReader,
    ToolAnalyticsService,
    DeploymentAnalyticsRepository,
    DeploymentAnalyticsService,
    RawSeriesRepository,
    RollupSeriesReader,
    TimeseriesService,
    RowCursor,
    ExportService,
  ],
})
export class AnalyticsModule {}
