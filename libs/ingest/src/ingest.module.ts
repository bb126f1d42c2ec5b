import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { CostModule } from '@fleetwatch/cost';
import { IngestController } from './controllers/ingest.controller';
import { IdempotencyKey } from './entities/idempotency-key.entity';
import { Run } from './entities/run.entity';
import { IngestJobs } from './jobs/ingest.jobs';
import { BodyLimitRejects } from './metrics/body-limit-rejects.hooks';
import { TelemetryRepository } from './repositories/telemetry.repository';
import { IdempotencyService } from './services/idempotency.service';
import { IngestService } from './services/ingest.service';
import { TelemetryWriter } from './services/telemetry-writer.service';

@Module({
  imports: [MikroOrmModule.forFeature([IdempotencyKey, Run]), AgentsModule, CostModule],
  controllers: [IngestController],
  providers: [TelemetryRepository, TelemetryWriter, IdempotencyService, IngestService, IngestJobs, BodyLimitRejects],
  exports: [TelemetryWriter, IngestService],
})
export class IngestModule {}
