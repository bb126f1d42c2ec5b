import { FilterQuery, LockMode } from '@mikro-orm/core';
import { EntityRepository } from '@mikro-orm/postgresql';
import { Keyset, Principal, visibleOwnerId } from '@fleetwatch/common';
import { AGENT_SCOPED_TABLES } from '@fleetwatch/database';
import type { Agent, AgentStatus } from '../entities/agent.entity';

export class AgentRepository extends EntityRepository<Agent> {
  /**
   * The agent when the caller may see it (its owner or an admin); otherwise null. `lock` (inside a
   * transaction) serialises changes that read the agent's state before writing it.
   */
  findVisible(id: string, principal: Principal, lock = false): Promise<Agent | null> {
    const ownerId = visibleOwnerId(principal);
    return this.findOne(ownerId === null ? { id } : { id, ownerId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  /** Regardless of owner (the caller checks visibility); `lock` as in findVisible. */
  findById(id: string, lock = false): Promise<Agent | null> {
    return this.findOne({ id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  findByOwnerAndName(ownerId: string, name: string): Promise<Agent | null> {
    return this.findOne({ ownerId, name });
  }

  listVisible(principal: Principal, filter: { status?: AgentStatus }, limit: number, after?: Keyset): Promise<Agent[]> {
    const where: FilterQuery<Agent>[] = [];
    const ownerId = visibleOwnerId(principal);
    if (ownerId !== null) where.push({ ownerId });
    if (filter.status) where.push({ status: filter.status });
    if (after) {
      const at = new Date(after.at);
      where.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: after.id } }] });
    }
    return this.find({ $and: where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  }

  /** Whether the agent exists and belongs to `ownerId` (admins included: ownership, not visibility). */
  async isOwnedBy(id: string, ownerId: string): Promise<boolean> {
    return (await this.count({ id, ownerId })) > 0;
  }

  /**
   * Telemetry rows of the agent, which carry no foreign key (partitioned tables), deleted in the
   * transaction of this repository's entity manager before the agent row itself.
   */
  async deleteTelemetry(agentId: string): Promise<void> {
    const em = this.getEntityManager();
    for (const table of AGENT_SCOPED_TABLES) {
      await em.getConnection().execute(`delete from ${table} where agent_id = ?`, [agentId], 'run', em.getTransactionContext());
    }
  }

  /**
   * One statement: when every agent among `ids` exists and is `callerId`'s (any agent when
   * `anyOwner`), moves their last_seen_at forward (never backwards), and last_sample_at for those
   * among `sampleAgentIds`, and returns their owners; otherwise changes nothing and returns an
   * empty map. Rows are locked in id order so concurrent batches touching the same agents cannot
   * deadlock. The ingest hot path: keep it one statement whatever the batch size.
   */
  async touchIfAllOwned(
    ids: readonly string[],
    at: Date,
    callerId: string,
    anyOwner: boolean,
    sampleAgentIds: readonly string[],
  ): Promise<Map<string, string>> {
    if (ids.length === 0) return new Map();
    const em = this.getEntityManager();
    const list = JSON.stringify(ids);
    const rows = await em.getConnection().execute<{ id: string; owner_id: string }[]>(
      `update agents a set last_seen_at = greatest(a.last_seen_at, ?::timestamptz),
         last_sample_at = case when a.id in (select json_array_elements_text(?::json)::uuid)
                               then greatest(a.last_sample_at, ?::timestamptz) else a.last_sample_at end
       from (select id from agents where id in (select json_array_elements_text(?::json)::uuid) and (owner_id = ? or ?)
             order by id for no key update) l
       where a.id = l.id
         and (select count(*) from agents where id in (select json_array_elements_text(?::json)::uuid) and (owner_id = ? or ?)) = ?
       returning a.id, a.owner_id`,
      [at, JSON.stringify(sampleAgentIds), at, list, callerId, anyOwner, list, callerId, anyOwner, ids.length],
      'all',
      em.getTransactionContext(),
    );
    return new Map(rows.map((r) => [r.id, r.owner_id]));
  }

  /** Owner of each existing agent among `ids` (lower-case UUIDs), in one statement. */
  async ownersOf(ids: readonly string[]): Promise<Map<string, string>> {
    const em = this.getEntityManager();
    const rows = await em
      .getConnection()
      .execute<{ id: string; owner_id: string }[]>(
        `select id, owner_id from agents where id in (select json_array_elements_text(?::json)::uuid)`,
        [JSON.stringify(ids)],
        'all',
        em.getTransactionContext(),
      );
    return new Map(rows.map((r) => [r.id, r.owner_id]));
  }
}
