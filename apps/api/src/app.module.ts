import { DynamicModule, Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { AlertsModule } from '@fleetwatch/alerts';
import { AnalyticsModule } from '@fleetwatch/analytics';
import { AuthModule } from '@fleetwatch/auth';
import { CommonModule } from '@fleetwatch/common';
import { AppConfig, ConfigModule } from '@fleetwatch/config';
import { CostModule } from '@fleetwatch/cost';
import { DatabaseModule } from '@fleetwatch/database';
import { IngestModule } from '@fleetwatch/ingest';
import { MetricsModule } from '@fleetwatch/metrics';
import { HealthModule, MonitoringModule } from '@fleetwatch/monitoring';
import { OtlpModule } from '@fleetwatch/otlp';
import { RollupsModule } from '@fleetwatch/rollups';
import { RunsModule } from '@fleetwatch/runs';
import { LoggingModule } from './logging.module';

export interface AppModuleOptions {
  config: AppConfig;
  /** Stops the embedded PostgreSQL after the pool is closed; absent for an external database. */
  stopDatabase?: () => Promise<void>;
}

/** Composition only: every feature lives in a lib. */
@Module({})
export class AppModule {
  static register(options: AppModuleOptions): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(options.config),
        LoggingModule.forRoot(options.config),
        CommonModule,
        DatabaseModule.forRoot({ stopDatabase: options.stopDatabase }),
        HealthModule,
        AuthModule,
        AgentsModule,
        AlertsModule,
        CostModule,
        IngestModule,
        RollupsModule,
        MetricsModule,
        MonitoringModule,
        OtlpModule,
        AnalyticsModule,
        RunsModule,
      ],
    };
  }
}
