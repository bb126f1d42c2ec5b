import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { deleteRollupHoursBeforeSql, DROP_DAILY_PARTITIONS_BEFORE_SQL, ENSURE_DAILY_PARTITIONS_SQL, RollupTable } from './partition.sql';

/** Partition DDL and rollup deletes; pass a transactional EntityManager to run inside it. */
@Injectable()
export class PartitionRepository {
  constructor(private readonly em: EntityManager) {}

  /** Creates the missing daily partitions of [fromDay, toDay]; 55P03 once the lock timeout fires. */
  async ensureDaily(table: string, fromDay: string, toDay: string, lockTimeoutMs: number): Promise<number> {
    const rows = await this.em.getConnection().execute<{ created: number }[]>(ENSURE_DAILY_PARTITIONS_SQL, [table, fromDay, toDay, lockTimeoutMs]);
    return Number(rows[0]?.created ?? 0);
  }

  async dropDailyBefore(em: EntityManager, table: string, day: string): Promise<number> {
    const rows = await em.getConnection().execute<{ dropped: number }[]>(DROP_DAILY_PARTITIONS_BEFORE_SQL, [table, day], 'all', em.getTransactionContext());
    return Number(rows[0]?.dropped ?? 0);
  }

  async deleteRollupHoursBefore(em: EntityManager, table: RollupTable, before: Date): Promise<number> {
    const result = await em.getConnection().execute<{ affectedRows: number }>(deleteRollupHoursBeforeSql(table), [before], 'run', em.getTransactionContext());
    return result.affectedRows;
  }
}
