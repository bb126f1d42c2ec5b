import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { DAY_MS, query, run } from '../shared/sql';
import * as SQL from './rollup.sql';

export interface RollupPassResult {
  samplesHours: number;
  llmHours: number;
  toolHours: number;
  ownerHours: number;
}

type Kind = 'samples' | 'llm' | 'tool';

const STATEMENTS: Record<Kind, { remove: string; insert: string }> = {
  samples: { remove: SQL.DELETE_SAMPLES, insert: SQL.INSERT_SAMPLES },
  llm: { remove: SQL.DELETE_LLM, insert: SQL.INSERT_LLM },
  tool: { remove: SQL.DELETE_TOOL, insert: SQL.INSERT_TOOL },
};

/**
 * Recomputes the hourly rollups of every (agent, hour) that received rows since the last pass
 * (marked by the raw tables' insert triggers), then the owners' fleet-wide hours built from them.
 * Runs in one transaction (the job's, or its own): claims are deleted and rollups rewritten
 * atomically, so a failed pass leaves its marks for the next one. Two passes must not overlap:
 * call it through the job (advisory lock) or under JobLockService with the job's name.
 *
 * Marks for hours older than raw retention are dropped without recomputing: their raw partitions
 * may be gone, and the rollup is then the only record of them.
 */
@Injectable()
export class RollupService {
  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async refresh(em: EntityManager): Promise<RollupPassResult> {
    if (!em.isInTransaction()) return em.transactional((tx) => this.refresh(tx));
    const retentionStart = new Date(Math.floor(this.clock.now().getTime() / DAY_MS) * DAY_MS - this.config.telemetry.rawRetentionDays * DAY_MS);
    const samplesHours = await this.refreshKind(em, 'samples', retentionStart, true);
    const llmHours = await this.refreshKind(em, 'llm', retentionStart, false);
    const toolHours = await this.refreshKind(em, 'tool', retentionStart, false);
    const ownerHours = await this.refreshOwners(em);
    return { samplesHours, llmHours, toolHours, ownerHours };
  }

  private async refreshKind(em: EntityManager, kind: Kind, retentionStart: Date, markOwners: boolean): Promise<number> {
    await run(em, SQL.CLAIM_TABLE);
    await run(em, 'truncate fw_claimed');
    await run(em, SQL.CLAIM, [kind, retentionStart]);
    await run(em, 'analyze fw_claimed');
    const days = await query<{ day: Date }>(em, SQL.CLAIMED_DAYS);
    for (const { day } of days) {
      const from = new Date(day);
      const to = new Date(from.getTime() + DAY_MS);
      await run(em, STATEMENTS[kind].remove, [from, to]);
      await run(em, STATEMENTS[kind].insert, [from, to, from, to]);
    }
    if (markOwners) await run(em, SQL.MARK_OWNERS);
    const [count] = await query<{ n: string }>(em, 'select count(*) as n from fw_claimed');
    return Number(count?.n ?? 0);
  }

  private async refreshOwners(em: EntityManager): Promise<number> {
    await run(em, SQL.OWNER_CLAIM_TABLE);
    await run(em, 'truncate fw_owner_claimed');
    await run(em, SQL.OWNER_CLAIM);
    await run(em, 'analyze fw_owner_claimed');
    await run(em, SQL.DELETE_OWNER_SAMPLES);
    await run(em, SQL.INSERT_OWNER_SAMPLES);
    const [count] = await query<{ n: string }>(em, 'select count(*) as n from fw_owner_claimed');
    return Number(count?.n ?? 0);
  }
}
