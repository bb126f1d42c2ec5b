import { PostgreSqlDriver } from '@mikro-orm/postgresql';
import { MikroOrmModule } from '@mikro-orm/nestjs';
import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { ormOptions } from './orm/orm-options';
import { StorageModule } from './storage/storage.module';
import { JobLockService } from './scheduler/services/job-lock.service';
import { MigrationStatusService } from './orm/migration-status.service';
import { ScheduleModule } from '@nestjs/schedule';
import { JobScheduler } from './scheduler/services/job-scheduler.service';
import { JobRun } from './scheduler/entities/job-run.entity';
import { DatabaseLifecycle, STOP_DATABASE, StopDatabase } from './lifecycle/database-lifecycle';
import { ShutdownState } from './lifecycle/shutdown-state';
import { ExportSlots } from './exports/export-slots.service';

/**
 * Built once, when this file loads: with autoLoadEntities a forFeature call made while a second
 * application is being composed (tests start several) would reset the entities collected so far.
 */
const JOB_ENTITIES = MikroOrmModule.forFeature([JobRun]);

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
        JOB_ENTITIES,
        ScheduleModule.forRoot(),
        StorageModule,
      ],
      providers: [
        JobLockService,
        MigrationStatusService,
        ShutdownState,
        DatabaseLifecycle,
        JobScheduler,
        ExportSlots,
        { provide: STOP_DATABASE, useValue: options.stopDatabase ?? (async () => undefined) },
      ],
      exports: [StorageModule, JobLockService, MigrationStatusService, ShutdownState, JobScheduler, ExportSlots],
    };
  }
}
