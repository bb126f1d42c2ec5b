import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { Clock, DAY_MS, HOUR_MS } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { RollupKind, RollupPassRepository } from '../repositories/rollup-pass.repository';

export interface RollupPassResult {
  samplesHours: number;
  llmHours: number;
  toolHours: number;
  ownerHours: number;
  /** Agent-hours (and owners) whose recompute raised: their previous rollup is kept and their mark dropped. */
  skipped: number;
}

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
    private readonly pass: RollupPassRepository,
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

  private async refreshKind(em: EntityManager, kind: RollupKind, retentionStart: Date, markOwners: boolean, skipped: { n: number }): Promise<number> {
    await this.pass.claim(em, kind, retentionStart);
    for (const from of await this.pass.claimedDays(em)) {
      const to = new Date(from.getTime() + DAY_MS);
      const failure = await this.pass.attempt(em, () => this.pass.recompute(em, kind, from, to));
      if (failure) skipped.n += await this.hourByHour(em, kind, from, to, failure);
    }
    if (markOwners) await this.pass.markOwners(em);
    return this.pass.claimedCount(em);
  }

  /** The claimed agent-hours of one day, each in its own savepoint; returns how many failed. */
  private async hourByHour(em: EntityManager, kind: RollupKind, from: Date, to: Date, cause: Error): Promise<number> {
    this.logger.warn(`rollup of ${kind} for ${from.toISOString().slice(0, 10)} failed (${cause.message}); recomputing its agent-hours one by one`);
    let failed = 0;
    for (const { agentId, hour } of await this.pass.claimedPairs(em, from, to)) {
      const end = new Date(hour.getTime() + HOUR_MS);
      const failure = await this.pass.attempt(em, () => this.pass.recompute(em, kind, hour, end, agentId));
      if (!failure) continue;
      failed++;
      this.logger.error(`rollup of ${kind} for agent ${agentId} hour ${hour.toISOString()} skipped, previous rollup kept: ${failure.message}`);
    }
    return failed;
  }

  private async refreshOwners(em: EntityManager, skipped: { n: number }): Promise<number> {
    await this.pass.claimOwners(em);
    const failure = await this.pass.attempt(em, () => this.pass.recomputeOwners(em));
    if (failure) {
      this.logger.warn(`owner rollup failed (${failure.message}); recomputing owner by owner`);
      for (const owner of await this.pass.claimedOwners(em)) {
        const one = await this.pass.attempt(em, () => this.pass.recomputeOwners(em, owner));
        if (!one) continue;
        skipped.n++;
        this.logger.error(`owner rollup for ${owner} skipped, previous rollup kept: ${one.message}`);
      }
    }
    return this.pass.claimedOwnerCount(em);
  }
}
