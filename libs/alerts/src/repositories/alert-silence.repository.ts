import { Keyset, Principal, visibleOwnerId } from '@fleetwatch/common';
import type { AlertSilence } from '../entities/alert-silence.entity';
import { olderThan, visibleTo, whereClause } from './keyset.sql';
import { RowOf } from './raw-row.type';
import { SqlRepository } from './sql.repository';

export class AlertSilenceRepository extends SqlRepository<AlertSilence> {
  /** The silence when the caller may see it (its owner or an admin); otherwise null. */
  findVisible(id: string, principal: Principal): Promise<AlertSilence | null> {
    const owner = visibleOwnerId(principal);
    return this.findOne(owner === null ? { id } : { id, ownerId: owner });
  }

  /** Newest first, keyset-paged on (created_at, id); limit + 1 rows tell whether a next page exists. */
  async listVisible(principal: Principal, fetch: number, after?: Keyset): Promise<AlertSilence[]> {
    const params: unknown[] = [];
    const where = whereClause([visibleTo(principal, 'owner_id', params), olderThan(after, 'created_at', 'id', params)]);
    params.push(fetch);
    const rows = await this.all<RowOf<AlertSilence>>(`select * from alert_silences ${where} order by created_at desc, id desc limit ?`, params);
    return rows.map((row) => this.map(row));
  }
}
