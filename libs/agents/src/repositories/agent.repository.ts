import { FilterQuery, LockMode } from '@mikro-orm/core';
import { EntityRepository } from '@mikro-orm/postgresql';
import { isAdmin, Keyset, Principal } from '@fleetwatch/common';
import type { Agent, AgentStatus } from '../entities/agent.entity';

export class AgentRepository extends EntityRepository<Agent> {
  /**
   * The agent when the caller may see it (its owner or an admin); otherwise null. `lock` (inside a
   * transaction) serialises changes that read the agent's state before writing it.
   */
  findVisible(id: string, principal: Principal, lock = false): Promise<Agent | null> {
    return this.findOne(isAdmin(principal) ? { id } : { id, ownerId: principal.userId }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  findByOwnerAndName(ownerId: string, name: string): Promise<Agent | null> {
    return this.findOne({ ownerId, name });
  }

  listVisible(principal: Principal, filter: { status?: AgentStatus }, limit: number, after?: Keyset): Promise<Agent[]> {
    const where: FilterQuery<Agent>[] = [];
    if (!isAdmin(principal)) where.push({ ownerId: principal.userId });
    if (filter.status) where.push({ status: filter.status });
    if (after) {
      const at = new Date(after.at);
      where.push({ $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: after.id } }] });
    }
    return this.find({ $and: where }, { orderBy: { createdAt: 'desc', id: 'desc' }, limit });
  }
}
