import { Injectable } from '@nestjs/common';
import { AgentOwnershipService } from '@fleetwatch/agents';
import { canSee, Principal } from '@fleetwatch/common';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Which of the agent ids named in an export the caller may write to, in one query, so foreign or
 * unknown agents can be refused per item (OTLP partial success) instead of failing the batch.
 * The ingest writer checks ownership again inside its all-or-nothing path.
 */
@Injectable()
export class OtlpAgentOwners {
  constructor(private readonly agents: AgentOwnershipService) {}

  async writable(ids: Iterable<string>, principal: Principal): Promise<Set<string>> {
    const candidates = [...new Set([...ids].map((id) => id.toLowerCase()))].filter((id) => UUID.test(id));
    if (candidates.length === 0) return new Set();
    const owners = await this.agents.ownersOf(candidates);
    return new Set([...owners].filter(([, ownerId]) => canSee(principal, ownerId)).map(([id]) => id));
  }
}
