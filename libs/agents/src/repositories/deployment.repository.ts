import { LockMode } from '@mikro-orm/core';
import { EntityRepository } from '@mikro-orm/postgresql';
import { Keyset } from '@fleetwatch/common';
import type { Deployment } from '../entities/deployment.entity';

export class DeploymentRepository extends EntityRepository<Deployment> {
  listForAgent(agentId: string, limit: number, after?: Keyset): Promise<Deployment[]> {
    const at = after ? new Date(after.at) : undefined;
    return this.find(after ? { agentId, $or: [{ createdAt: { $lt: at } }, { createdAt: at, id: { $lt: after.id } }] } : { agentId }, {
      orderBy: { createdAt: 'desc', id: 'desc' },
      limit,
    });
  }

  countForAgent(agentId: string): Promise<number> {
    return this.count({ agentId });
  }

  /** `lock` (inside a transaction) serialises transitions of one deployment. */
  findById(id: string, lock = false): Promise<Deployment | null> {
    return this.findOne({ id }, lock ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {});
  }

  /** Deployments of the agent created after `createdAt`: an older one must not speak for the agent. */
  countNewerThan(agentId: string, createdAt: Date): Promise<number> {
    return this.count({ agentId, createdAt: { $gt: createdAt } });
  }
}
