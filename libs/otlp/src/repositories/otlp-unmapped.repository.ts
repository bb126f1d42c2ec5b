import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { SqlCondition } from '@fleetwatch/common';
import * as SQL from './otlp-unmapped.sql';

export interface UnmappedTally {
  name: string;
  count: number;
  keys: string[];
}

export interface UnmappedRow {
  owner_id: string;
  span_name: string;
  span_count: string;
  attribute_keys: string[];
  /** Dates or ISO strings, depending on the driver's type parsing. */
  first_seen_at: Date | string;
  last_seen_at: Date | string;
}

/** Set-based SQL on `otlp_unmapped_spans`. */
@Injectable()
export class OtlpUnmappedRepository {
  constructor(private readonly em: EntityManager) {}

  async upsert(ownerId: string, tallies: UnmappedTally[], now: Date, windowStart: Date, maxNames: number): Promise<void> {
    await this.em
      .getConnection()
      .execute(SQL.UPSERT_UNMAPPED, [JSON.stringify(tallies), ownerId, ownerId, now, now, maxNames, ownerId, windowStart, windowStart], 'run');
  }

  list(owner: SqlCondition, since: Date, limit: number): Promise<UnmappedRow[]> {
    return this.em.getConnection().execute<UnmappedRow[]>(SQL.LIST_UNMAPPED(owner.sql), [since, ...owner.params, limit]);
  }

  async prune(em: EntityManager, before: Date): Promise<number> {
    const result = await em.getConnection().execute<{ affectedRows: number }>(SQL.PRUNE_UNMAPPED, [before], 'run', em.getTransactionContext());
    return result.affectedRows;
  }
}
