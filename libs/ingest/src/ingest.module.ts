import { Module } from '@nestjs/common';
import { AgentsModule } from '@fleetwatch/agents';
import { CostModule } from '@fleetwatch/cost';
import { IdempotencyRepository } from './idempotency/idempotency.repository';
import { IdempotencyService } from './idempotency/idempotency.service';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { IngestJobs } from './jobs/ingest.jobs';
import { BodyLimitRejects } from './metrics/body-limit-rejects';
import { TelemetryRepository } from './telemetry/telemetry.repository';
import { TelemetryWriter } from './telemetry/telemetry-writer.service';

@Module({
  imports: [AgentsModule, CostModule],
  controllers: [IngestController],
  providers: [TelemetryRepository, TelemetryWriter, IdempotencyRepository, IdempotencyService, IngestService, IngestJobs, BodyLimitRejects],
  exports: [TelemetryWriter, IngestService],
})
export class IngestModule {}
