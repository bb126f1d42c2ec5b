import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { RollupsModule } from '@fleetwatch/rollups';
import { DeploymentAnalyticsController } from './controllers/deployment-analytics.controller';
import { DeploymentAnalyticsRepository } from './repositories/deployment-analytics.repository';
import { DeploymentAnalyticsService } from './services/deployment-analytics.service';
import { ExportController } from './controllers/export.controller';
import { ExportService } from './services/export.service';
import { RowCursor } from './repositories/row-cursor.repository';
import { RawSeriesRepository } from './repositories/raw-series.repository';
import { RollupSeriesRepository } from './repositories/rollup-series.repository';
import { TimeseriesController } from './controllers/timeseries.controller';
import { TimeseriesService } from './services/timeseries.service';
import { ToolAnalyticsController } from './controllers/tool-analytics.controller';
import { ToolAnalyticsService } from './services/tool-analytics.service';
import { ToolCallsRepository } from './repositories/tool-calls.repository';
import { ToolRollupRepository } from './repositories/tool-rollup.repository';
import { LlmAnalyticsController } from './controllers/llm-analytics.controller';
import { LlmAnalyticsService } from './services/llm-analytics.service';
import { LlmCallsRepository } from './repositories/llm-calls.repository';

/** Tool, LLM and deployment analytics, charts and exports (retention lives in the database lib's StorageModule). */
@Module({
  imports: [AgentsModule, RollupsModule],
  controllers: [ToolAnalyticsController, LlmAnalyticsController, DeploymentAnalyticsController, TimeseriesController, ExportController],
  providers: [
    ToolCallsRepository,
    ToolRollupRepository,
    ToolAnalyticsService,
    DeploymentAnalyticsRepository,
    DeploymentAnalyticsService,
    RawSeriesRepository,
    RollupSeriesRepository,
    TimeseriesService,
    RowCursor,
    ExportService,
    LlmCallsRepository,
    LlmAnalyticsService,
  ],
})
export class AnalyticsModule {}
