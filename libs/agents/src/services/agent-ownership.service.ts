import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Principal, visibleOwnerId } from '@fleetwatch/common';
import { Agent } from '../entities/agent.entity';
import { AgentRepository } from '../repositories/agent.repository';

/**
 * What other libs need of the agents table, so they never write SQL against it: ingest's
 * owner check that also moves last_seen_at / last_sample_at, OTLP's per-item owner lookup and the
 * API-key binding check. Methods taking an `em` run in that entity manager's transaction.
 */
@Injectable()
export class AgentOwnershipService {
  constructor(
    private readonly em: EntityManager,
    private readonly agents: AgentRepository,
  ) {}

  /**
   * When every agent among `ids` exists and the caller may write to it, moves their last_seen_at
   * to `at` (and last_sample_at for `sampleAgentIds`) and returns id → owner; otherwise changes
   * nothing and returns an empty map. One statement.
   */
  touchIfAllOwned(
    em: EntityManager,
    ids: readonly string[],
    at: Date,
    principal: Principal,
    sampleAgentIds: readonly string[] = [],
  ): Promise<Map<string, string>> {
    return em.getRepository(Agent).touchIfAllOwned(ids, at, principal.userId, visibleOwnerId(principal) === null, sampleAgentIds);
  }

  /** id → owner of the existing agents among `ids` (lower-case UUIDs); on `em` when given, else a fork. */
  ownersOf(ids: readonly string[], em: EntityManager = this.em.fork()): Promise<Map<string, string>> {
    return em.getRepository(Agent).ownersOf(ids);
  }

  /** Whether the agent exists and belongs to `ownerId` itself (an admin's key binds only the admin's own agents). */
  isOwnedBy(agentId: string, ownerId: string): Promise<boolean> {
    return this.agents.isOwnedBy(agentId, ownerId);
  }
}
