import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { DAY_MS, HOUR_MS, query, run } from '../shared/sql';
import * as SQL from './rollup.sql';
import { attempt } from './savepoint';

export interface RollupPassResult {
  samplesHours: number;
  llmHours: number;
  toolHours: number;
  ownerHours: number;
  /** Agent-hours (and owners) whose recompute raised: their previous rollup is kept and their mark dropped. */
  skipped: number;
}

type Kind = 'samples' | 'llm' | 'tool';

const STATEMENTS: Record<Kind, { remove: (one?: boolean) => string; insert: (one?: boolean) => string }> = {
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
 * One tenant's rows must never stop the pass for all: each day's statements run in a savepoint,
 * and when they raise, that day is recomputed one agent-hour at a time; an agent-hour that still
 * raises keeps its previous rollup, is logged and its mark is dropped (retrying it every minute
 * would fail the same way), and every other agent-hour advances.
 *
 * Marks for hours older than raw retention are dropped without recomputing: their raw partitions
 * may be gone, and the rollup is then the only record of them.
 */
@Injectable()
export class RollupService {
  private readonly logger = new Logger('Rollups');

  constructor(
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async refresh(em: EntityManager): Promise<RollupPassResult> {
    if (!em.isInTransaction()) return em.transactional((tx) => this.refresh(tx));
    const retentionStart = new Date(Math.floor(this.clock.now().getTime() / DAY_MS) * DAY_MS - this.config.telemetry.rawRetentionDays * DAY_MS);
    const skipped = { n: 0 };
    const samplesHours = await this.refreshKind(em, 'samples', retentionStart, true, skipped);
    const llmHours = await this.refreshKind(em, 'llm', retentionStart, false, skipped);
    const toolHours = await this.refreshKind(em, 'tool', retentionStart, false, skipped);
    const ownerHours = await this.refreshOwners(em, skipped);
    return { samplesHours, llmHours, toolHours, ownerHours, skipped: skipped.n };
  }

  private async refreshKind(em: EntityManager, kind: Kind, retentionStart: Date, markOwners: boolean, skipped: { n: number }): Promise<number> {
    await run(em, SQL.CLAIM_TABLE);
    await run(em, 'truncate fw_claimed');
    await run(em, SQL.CLAIM, [kind, retentionStart]);
    await run(em, 'analyze fw_claimed');
    const days = await query<{ day: Date }>(em, SQL.CLAIMED_DAYS);
    const { remove, insert } = STATEMENTS[kind];
    for (const { day } of days) {
      const from = new Date(day);
      const to = new Date(from.getTime() + DAY_MS);
      const failure = await attempt(em, async () => {
        await run(em, remove(), [from, to]);
        await run(em, insert(), [from, to, from, to]);
      });
      if (failure) skipped.n += await this.hourByHour(em, kind, from, to, failure);
    }
    if (markOwners) await run(em, SQL.MARK_OWNERS);
    const [count] = await query<{ n: string }>(em, 'select count(*) as n from fw_claimed');
    return Number(count?.n ?? 0);
  }

  /** The claimed agent-hours of one day, each in its own savepoint; returns how many failed. */
  private async hourByHour(em: EntityManager, kind: Kind, from: Date, to: Date, cause: Error): Promise<number> {
    this.logger.warn(`rollup of ${kind} for ${from.toISOString().slice(0, 10)} failed (${cause.message}); recomputing its agent-hours one by one`);
    const pairs = await query<{ agent_id: string; hour: Date }>(em, SQL.CLAIMED_PAIRS, [from, to]);
    const { remove, insert } = STATEMENTS[kind];
    let failed = 0;
    for (const pair of pairs) {
      const hour = new Date(pair.hour);
      const end = new Date(hour.getTime() + HOUR_MS);
      const failure = await attempt(em, async () => {
        await run(em, remove(true), [hour, end, pair.agent_id]);
        await run(em, insert(true), [hour, end, hour, end, pair.agent_id]);
      });
      if (!failure) continue;
      failed++;
      this.logger.error(`rollup of ${kind} for agent ${pair.agent_id} hour ${hour.toISOString()} skipped, previous rollup kept: ${failure.message}`);
    }
    return failed;
  }

  private async refreshOwners(em: EntityManager, skipped: { n: number }): Promise<number> {
    await run(em, SQL.OWNER_CLAIM_TABLE);
    await run(em, 'truncate fw_owner_claimed');
    await run(em, SQL.OWNER_CLAIM);
    await run(em, 'analyze fw_owner_claimed');
    const failure = await attempt(em, async () => {
      await run(em, SQL.DELETE_OWNER_SAMPLES());
      await run(em, SQL.INSERT_OWNER_SAMPLES());
    });
    if (failure) {
      this.logger.warn(`owner rollup failed (${failure.message}); recomputing owner by owner`);
      for (const { owner_id: owner } of await query<{ owner_id: string }>(em, SQL.CLAIMED_OWNERS)) {
        const one = await attempt(em, async () => {
          await run(em, SQL.DELETE_OWNER_SAMPLES(true), [owner]);
          await run(em, SQL.INSERT_OWNER_SAMPLES(true), [owner]);
        });
        if (!one) continue;
        skipped.n++;
        this.logger.error(`owner rollup for ${owner} skipped, previous rollup kept: ${one.message}`);
      }
    }
    const [count] = await query<{ n: string }>(em, 'select count(*) as n from fw_owner_claimed');
    return Number(count?.n ?? 0);
  }
}
