import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { ormOptions } from './orm/orm-options';
import { PartitionService } from './sql/partition.service';
import { JobLockService } from './sql/job-lock.service';
import { MigrationStatusService } from './orm/migration-status.service';
import { TerminusModule } from '@nestjs/terminus';
import { ScheduleModule } from '@nestjs/schedule';
import { JobScheduler } from './jobs/job-scheduler';
import { HealthController } from './health/health.controller';
import { DatabaseLifecycle, STOP_DATABASE, StopDatabase } from './lifecycle/database-lifecycle';
import { ShutdownState } from './lifecycle/shutdown-state';
import { ExportSlots } from './exports/export-slots.service';

@Global()
@Module({})
export class DatabaseModule {
  static forRoot(options: { stopDatabase?: StopDatabase } = {}): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        MikroOrmModule.forRootAsync({
          driver: PostgreSqlDriver,
          inject: [AppConfig],
          useFactory: (config: AppConfig) => {
            if (!config.database.url) throw new Error('DATABASE_URL was not resolved before the module started');
            return {
              ...ormOptions(config.database.url, {
                poolMax: config.database.poolMax,
                debug: config.database.debug,
                statementTimeoutMs: config.database.statementTimeoutMs,
                idleInTransactionTimeoutMs: config.database.idleInTransactionTimeoutMs,
              }),
              autoLoadEntities: true,
              registerRequestContext: true,
            };
          },
        }),
        TerminusModule.forRoot({ logger: false }),
        ScheduleModule.forRoot(),
      ],
      controllers: [HealthController],
      providers: [
        PartitionService,
        JobLockService,
        MigrationStatusService,
        ShutdownState,
        DatabaseLifecycle,
        JobScheduler,
        ExportSlots,
        { provide: STOP_DATABASE, useValue: options.stopDatabase ?? (async () => undefined) },
      ],
      exports: [PartitionService, JobLockService, MigrationStatusService, ShutdownState, JobScheduler, ExportSlots],
    };
  }
}
