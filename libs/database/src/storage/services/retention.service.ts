import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, DAY_MS } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { PartitionRepository } from '../repositories/partition.repository';
import { DAILY_PARTITIONED_TABLES, ROLLUP_TABLES } from '../repositories/partition.sql';
import { PartitionService, utcDay } from './partition.service';

/** Raw telemetry, partitioned by day: retention drops whole partitions, never deletes rows. */
export const RAW_TABLES = DAILY_PARTITIONED_TABLES;
export { ROLLUP_TABLES };

export interface RetentionResult {
  rawBefore: string;
  rollupsBefore: string;
  droppedPartitions: Record<string, number>;
  deletedRollupRows: Record<string, number>;
}

@Injectable()
export class RetentionService {
  private readonly logger = new Logger('Retention');

  constructor(
    private readonly repository: PartitionRepository,
    private readonly partitions: PartitionService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Keeps the last RAW_RETENTION_DAYS whole UTC days of raw rows (partitions of earlier days are
   * dropped) and the rollup hours from ROLLUP_RETENTION_DAYS days ago on.
   */
  async run(em: EntityManager): Promise<RetentionResult> {
    const now = this.clock.now().getTime();
    const rawBefore = utcDay(new Date(now - this.config.telemetry.rawRetentionDays * DAY_MS));
    const rollupsBefore = new Date(now - this.config.telemetry.rollupRetentionDays * DAY_MS);
    const droppedPartitions: Record<string, number> = {};
    for (const table of RAW_TABLES) {
      droppedPartitions[table] = await this.repository.dropDailyBefore(em, table, rawBefore);
      this.partitions.forget(table);
    }
    const deletedRollupRows: Record<string, number> = {};
    for (const table of ROLLUP_TABLES) deletedRollupRows[table] = await this.repository.deleteRollupHoursBefore(em, table, rollupsBefore);
    const dropped = Object.values(droppedPartitions).reduce((a, b) => a + b, 0);
    if (dropped > 0) this.logger.log(`dropped ${dropped} raw partitions before ${rawBefore}`);
    return { rawBefore, rollupsBefore: rollupsBefore.toISOString(), droppedPartitions, deletedRollupRows };
  }
}
