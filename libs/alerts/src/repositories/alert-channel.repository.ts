import { Keyset, Principal, visibleOwnerId } from '@fleetwatch/common';
import type { AlertChannel } from '../entities/alert-channel.entity';
import { olderThan, visibleTo, whereClause } from './keyset.sql';
import { RowOf } from './raw-row.type';
import { SqlRepository } from './sql.repository';

export class AlertChannelRepository extends SqlRepository<AlertChannel> {
  /** The channel when the caller may see it (its owner or an admin); otherwise null. */
  findVisible(id: string, principal: Principal): Promise<AlertChannel | null> {
    const owner = visibleOwnerId(principal);
    return this.findOne(owner === null ? { id } : { id, ownerId: owner });
  }

  /** Newest first, keyset-paged on (created_at, id); limit + 1 rows tell whether a next page exists. */
  async listVisible(principal: Principal, fetch: number, after?: Keyset): Promise<AlertChannel[]> {
    const params: unknown[] = [];
    const where = whereClause([visibleTo(principal, 'owner_id', params), olderThan(after, 'created_at', 'id', params)]);
    params.push(fetch);
    const rows = await this.all<RowOf<AlertChannel>>(`select * from alert_channels ${where} order by created_at desc, id desc limit ?`, params);
    return rows.map((row) => this.map(row));
  }

  /** Which of `ids` are channels of `ownerId`. */
  async idsOwnedBy(ids: readonly string[], ownerId: string): Promise<Set<string>> {
    const rows = await this.find({ id: { $in: [...ids] }, ownerId });
    return new Set(rows.map((r) => r.id));
  }
}
