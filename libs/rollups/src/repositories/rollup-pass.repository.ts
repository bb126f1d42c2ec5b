import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { query, run } from './execute';
import * as SQL from './rollup.sql';

export type RollupKind = 'samples' | 'llm' | 'tool';

const STATEMENTS: Record<RollupKind, { remove: (one?: boolean) => string; insert: (one?: boolean) => string }> = {
  samples: { remove: SQL.DELETE_SAMPLES, insert: SQL.INSERT_SAMPLES },
  llm: { remove: SQL.DELETE_LLM, insert: SQL.INSERT_LLM },
  tool: { remove: SQL.DELETE_TOOL, insert: SQL.INSERT_TOOL },
};

/**
 * The set-based statements of one rollup pass over `rollup_dirty`, `rollup_owner_dirty` and the
 * `rollup_*_hourly` tables. Every method runs on the pass's transactional EntityManager.
 */
@Injectable()
export class RollupPassRepository {
  /** Moves the marks of `kind` at or after `retentionStart` into the pass's claim table; marks older than that are dropped. */
  async claim(em: EntityManager, kind: RollupKind, retentionStart: Date): Promise<void> {
    await run(em, SQL.CLAIM_TABLE);
    await run(em, SQL.TRUNCATE_CLAIMED);
    await run(em, SQL.CLAIM, [kind, retentionStart]);
    await run(em, SQL.ANALYZE_CLAIMED);
  }

  async claimedDays(em: EntityManager): Promise<Date[]> {
    const rows = await query<{ day: Date }>(em, SQL.CLAIMED_DAYS);
    return rows.map((r) => new Date(r.day));
  }

  async claimedPairs(em: EntityManager, from: Date, to: Date): Promise<{ agentId: string; hour: Date }[]> {
    const rows = await query<{ agent_id: string; hour: Date }>(em, SQL.CLAIMED_PAIRS, [from, to]);
    return rows.map((r) => ({ agentId: r.agent_id, hour: new Date(r.hour) }));
  }

  async claimedCount(em: EntityManager): Promise<number> {
    const [count] = await query<{ n: string }>(em, SQL.COUNT_CLAIMED);
    return Number(count?.n ?? 0);
  }

  /** Recomputes the claimed hours in [from, to), of every claimed agent or of `agentId` only. */
  async recompute(em: EntityManager, kind: RollupKind, from: Date, to: Date, agentId?: string): Promise<void> {
    const { remove, insert } = STATEMENTS[kind];
    if (agentId === undefined) {
      await run(em, remove(), [from, to]);
      await run(em, insert(), [from, to, from, to]);
    } else {
      await run(em, remove(true), [from, to, agentId]);
      await run(em, insert(true), [from, to, from, to, agentId]);
    }
  }

  /** Marks the owners of the claimed agent-hours for the owners' fleet-wide rollup. */
  async markOwners(em: EntityManager): Promise<void> {
    await run(em, SQL.MARK_OWNERS);
  }

  async claimOwners(em: EntityManager): Promise<void> {
    await run(em, SQL.OWNER_CLAIM_TABLE);
    await run(em, SQL.TRUNCATE_OWNER_CLAIMED);
    await run(em, SQL.OWNER_CLAIM);
    await run(em, SQL.ANALYZE_OWNER_CLAIMED);
  }

  async claimedOwners(em: EntityManager): Promise<string[]> {
    const rows = await query<{ owner_id: string }>(em, SQL.CLAIMED_OWNERS);
    return rows.map((r) => r.owner_id);
  }

  async claimedOwnerCount(em: EntityManager): Promise<number> {
    const [count] = await query<{ n: string }>(em, SQL.COUNT_OWNER_CLAIMED);
    return Number(count?.n ?? 0);
  }

  /** Recomputes the claimed owner-hours, of every claimed owner or of `ownerId` only. */
  async recomputeOwners(em: EntityManager, ownerId?: string): Promise<void> {
    const one = ownerId !== undefined;
    const params = one ? [ownerId] : [];
    await run(em, SQL.DELETE_OWNER_SAMPLES(one), params);
    await run(em, SQL.INSERT_OWNER_SAMPLES(one), params);
  }

  /**
   * Runs `body` inside a SAVEPOINT of the pass's transaction. On failure it rolls back to the
   * savepoint, so the transaction stays usable and only this part's work is undone, and returns the
   * error instead of throwing it.
   */
  async attempt(em: EntityManager, body: () => Promise<void>): Promise<Error | null> {
    await run(em, SQL.SAVEPOINT);
    try {
      await body();
      await run(em, SQL.RELEASE_SAVEPOINT);
      return null;
    } catch (error) {
      await run(em, SQL.ROLLBACK_TO_SAVEPOINT);
      return error instanceof Error ? error : new Error(String(error));
    }
  }
}
