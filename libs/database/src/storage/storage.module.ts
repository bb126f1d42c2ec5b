import { Global, Module } from '@nestjs/common';
import { PartitionsAheadJob } from './jobs/partitions-ahead.job';
import { RetentionJob } from './jobs/retention.job';
import { PartitionRepository } from './repositories/partition.repository';
import { PartitionService } from './services/partition.service';
import { RetentionService } from './services/retention.service';

/**
 * Where telemetry is kept: daily partitions made ahead (and on demand for ingest) and retention
 * (raw partitions dropped, old rollup hours deleted). Global, like the database module it belongs to,
 * because ingest, agents and monitoring all write into partitions.
 */
@Global()
@Module({
  providers: [PartitionRepository, PartitionService, RetentionService, PartitionsAheadJob, RetentionJob],
  exports: [PartitionService, RetentionService],
})
export class StorageModule {}
