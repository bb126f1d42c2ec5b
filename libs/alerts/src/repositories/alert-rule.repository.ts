import { Keyset, Principal, visibleOwnerId } from '@fleetwatch/common';
import type { AlertRule } from '../entities/alert-rule.entity';
import { olderThan, visibleTo, whereClause } from './keyset.sql';
import { RowOf } from './raw-row.type';
import { SqlRepository } from './sql.repository';

export class AlertRuleRepository extends SqlRepository<AlertRule> {
  /** The rule when the caller may see it (its owner or an admin); otherwise null. */
  findVisible(id: string, principal: Principal): Promise<AlertRule | null> {
    const owner = visibleOwnerId(principal);
    return this.findOne(owner === null ? { id } : { id, ownerId: owner });
  }

  /** Newest first, keyset-paged on (created_at, id); limit + 1 rows tell whether a next page exists. */
  async listVisible(principal: Principal, fetch: number, after?: Keyset): Promise<AlertRule[]> {
    const params: unknown[] = [];
    const where = whereClause([visibleTo(principal, 'owner_id', params), olderThan(after, 'created_at', 'id', params)]);
    params.push(fetch);
    const rows = await this.all<RowOf<AlertRule>>(`select * from alert_rules ${where} order by created_at desc, id desc limit ?`, params);
    return rows.map((row) => this.map(row));
  }

  /** Drops a deleted channel from every rule that names it. */
  forgetChannel(channelId: string): Promise<void> {
    return this.run(`update alert_rules set channel_ids = array_remove(channel_ids, ?::uuid) where ? = any(channel_ids)`, [channelId, channelId]);
  }
}
