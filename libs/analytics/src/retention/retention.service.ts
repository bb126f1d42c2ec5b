import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { PartitionService, utcDay } from '@fleetwatch/database';
import { DAY_MS } from '../shared/time-range';

/** Raw telemetry, partitioned by day: retention drops whole partitions, never deletes rows. */
export const RAW_TABLES = ['metric_samples', 'llm_calls', 'tool_calls', 'events', 'api_requests'] as const;
/** Hourly rollups (ordinary tables keyed by hour): old hours are deleted. */
export const ROLLUP_TABLES = ['rollup_samples_hourly', 'rollup_owner_samples_hourly', 'rollup_llm_hourly', 'rollup_tool_hourly'] as const;

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
    const connection = em.getConnection();
    const context = em.getTransactionContext();
    const droppedPartitions: Record<string, number> = {};
    for (const table of RAW_TABLES) {
      const rows = await connection.execute<{ dropped: number }[]>(
        'select fw_drop_daily_partitions_before(?::regclass, ?::date) as dropped',
        [table, rawBefore],
        'all',
        context,
      );
      droppedPartitions[table] = Number(rows[0]?.dropped ?? 0);
      this.partitions.forget(table);
    }
    const deletedRollupRows: Record<string, number> = {};
    for (const table of ROLLUP_TABLES) {
      const result = await connection.execute<{ affectedRows: number }>(`delete from ${table} where hour < ?`, [rollupsBefore], 'run', context);
      deletedRollupRows[table] = result.affectedRows;
    }
    const dropped = Object.values(droppedPartitions).reduce((a, b) => a + b, 0);
    if (dropped > 0) this.logger.log(`dropped ${dropped} raw partitions before ${rawBefore}`);
    return { rawBefore, rollupsBefore: rollupsBefore.toISOString(), droppedPartitions, deletedRollupRows };
  }
}
