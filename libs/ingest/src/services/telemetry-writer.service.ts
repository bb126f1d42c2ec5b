import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { ActivityEntry, ActivityLogService, AgentOwnershipService } from '@fleetwatch/agents';
import { canSee, Clock, DAY_MS, Principal, visibleOwnerId } from '@fleetwatch/common';
import { PriceBook } from '@fleetwatch/cost';
import { PartitionService } from '@fleetwatch/database';
import { Run } from '../entities/run.entity';
import { IngestError } from '../errors/ingest.error';
import { IngestMetrics } from '../metrics/ingest.metrics';
import { IngestAccepted, IngestBatch } from '../validation/ingest-batch';
import { tokenUsage } from '../validation/llm-usage';
import { TelemetryRepository } from '../repositories/telemetry.repository';
import { batchTouchesRuns, runUpserts } from '../runs/run-upserts';

export interface WriteOptions {
  /** Runs last inside the write's transaction (the idempotency record commits with the rows). */
  withinTransaction?: (em: EntityManager) => Promise<void>;
}

/** First item path of each distinct agent id, in batch order (for a 404 that names the item). */
function agentPaths(batch: IngestBatch): Map<string, string> {
  const paths = new Map<string, string>();
  const add = (id: string | null, path: string) => {
    if (id !== null && !paths.has(id)) paths.set(id, path);
  };
  batch.samples.forEach((s, i) => add(s.agentId, `samples[${i}].agentId`));
  batch.llmCalls.forEach((c, i) => add(c.agentId, `llmCalls[${i}].agentId`));
  batch.toolCalls.forEach((c, i) => add(c.agentId, `toolCalls[${i}].agentId`));
  batch.events.forEach((e, i) => add(e.agentId, `events[${i}].agentId`));
  batch.runs?.forEach((r, i) => add(r.agentId, `runs[${i}].agentId`));
  return paths;
}

/**
 * A key bound to one agent writes for that agent only: events that name no agent become its
 * events, and an item naming another agent refuses the whole batch (403, nothing stored).
 */
function bindToKeyAgent(batch: IngestBatch, principal: Principal): void {
  const bound = principal.agentId?.toLowerCase();
  if (!bound) return;
  for (const event of batch.events) if (event.agentId === null) event.agentId = bound;
  for (const [agentId, path] of agentPaths(batch)) {
    if (agentId !== bound) throw IngestError.boundToOtherAgent(bound, path);
  }
}

/** One representative timestamp per UTC day: the partition check then costs per day, not per item. */
function oneTimestampPerDay(items: readonly { timestamp: Date }[]): Iterable<Date> {
  const days = new Map<number, Date>();
  for (const { timestamp } of items) {
    const day = Math.floor(timestamp.getTime() / DAY_MS);
    if (!days.has(day)) days.set(day, timestamp);
  }
  return days.values();
}

/**
 * Stores a validated batch for a caller, all or nothing. Before the transaction: the price
 * revision, the owners pricing needs, pricing and the COPY text of every row. In one transaction:
 * one COPY per table, then the statement that re-checks ownership and moves last_seen_at, the runs
 * upsert when the batch carries runs or calls naming a run, and the activity-log append. Shared by
 * POST /api/ingest and OTLP.
 */
@Injectable()
export class TelemetryWriter {
  constructor(
    private readonly em: EntityManager,
    private readonly repo: TelemetryRepository,
    private readonly prices: PriceBook,
    private readonly partitions: PartitionService,
    private readonly activity: ActivityLogService,
    private readonly agents: AgentOwnershipService,
    private readonly clock: Clock,
  ) {}

  async write(batch: IngestBatch, principal: Principal, options: WriteOptions = {}): Promise<IngestAccepted> {
    bindToKeyAgent(batch, principal);
    const paths = agentPaths(batch);
    const ts = oneTimestampPerDay;
    if (batch.samples.length) await this.partitions.ensureForTimestamps('metric_samples', ts(batch.samples));
    if (batch.llmCalls.length) await this.partitions.ensureForTimestamps('llm_calls', ts(batch.llmCalls));
    if (batch.toolCalls.length) await this.partitions.ensureForTimestamps('tool_calls', ts(batch.toolCalls));
    const em = this.em.fork();
    const now = this.clock.now();
    // Read before the transaction: rebuilding the price index reads on other pooled connections,
    // and a transaction waiting for a connection while holding one starves the pool.
    const prices = batch.llmCalls.length ? await this.prices.index(em) : null;
    const owners = await this.expectedOwners(em, paths, principal);
    const priced = this.prices.priceWith(
      prices,
      batch.llmCalls.map((c) => ({
        ownerId: owners.get(c.agentId) ?? null,
        model: c.model,
        responseModel: c.responseModel ?? null,
        provider: c.provider,
        usage: tokenUsage(c),
        costUsd: c.costUsd,
        timestamp: c.timestamp,
      })),
    );
    const rows = [this.repo.samplesRows(batch.samples), this.repo.llmCallsRows(batch.llmCalls, priced), this.repo.toolCallsRows(batch.toolCalls)];

    try {
      // One transaction: rows, runs, the activity log and last_seen_at commit together, so a
      // refused or failed batch changes nothing at all.
      await em.transactional(async (tx) => {
        for (const copy of rows) if (copy) await this.repo.copy(tx, copy);
        // After the COPYs, so the agent rows stay locked only for the few short statements left:
        // concurrent batches for the same agents overlap their COPYs instead of queueing behind
        // each other's. Before the runs, whose foreign key would refuse an unknown agent with a
        // database error instead of the 404 that names it.
        await this.touch(tx, paths, owners, now, principal, batch);
        // Plain telemetry (no runs, no runId) skips this: no statement, no cost on the hot path.
        if (batchTouchesRuns(batch)) await tx.getRepository(Run).upsertBatch(tx, runUpserts(batch, priced), now);
        await this.activity.append(this.activityEntries(batch, owners, principal), tx);
        await options.withinTransaction?.(tx);
      });
    } catch (error) {
      // SQLSTATE class 22 (data exception): a value the schema let through but PostgreSQL refuses,
      // e.g. an unpaired surrogate inside metadata. The client's data, so a 400, not a 500.
      const code = (error as { code?: unknown }).code;
      if (typeof code === 'string' && code.startsWith('22')) {
        IngestMetrics.rejected('invalid');
        throw IngestError.invalid([`a value could not be stored: ${(error as Error).message.split('\n').pop()}`]);
      }
      throw error;
    }
    return this.done(batch);
  }

  private done(batch: IngestBatch): IngestAccepted {
    const accepted: IngestAccepted = {
      samples: batch.samples.length,
      llmCalls: batch.llmCalls.length,
      toolCalls: batch.toolCalls.length,
      events: batch.events.length,
    };
    if (batch.runs?.length) accepted.runs = batch.runs.length;
    IngestMetrics.accepted(accepted);
    return accepted;
  }

  /**
   * Who owns each agent of the batch, as pricing needs it (an owner's own prices apply to their
   * agents' calls). A user writes to their own agents only, so that is the user, with no query:
   * the statement that touches the agents after the COPYs proves it, or the batch is refused and rolled
   * back. An admin may write to anyone's agents: read them (unknown ids are refused here).
   */
  private async expectedOwners(em: EntityManager, paths: Map<string, string>, principal: Principal): Promise<Map<string, string>> {
    const self = visibleOwnerId(principal);
    if (self !== null) return new Map([...paths.keys()].map((id) => [id, self]));
    if (paths.size === 0) return new Map();
    const owners = await this.agents.ownersOf([...paths.keys()], em);
    this.assertOwned(paths, owners, principal);
    return owners;
  }

  /**
   * Moves last_seen_at (any telemetry) and last_sample_at (agents with samples) in one statement
   * that also re-checks ownership; an agent deleted or given away since the owners were read
   * refuses the batch (404, or 409 when its owner changed and the batch was priced for the old one).
   */
  private async touch(
    em: EntityManager,
    paths: Map<string, string>,
    owners: Map<string, string>,
    now: Date,
    principal: Principal,
    batch: IngestBatch,
  ): Promise<void> {
    const ids = [...paths.keys()];
    const sampleAgentIds = [...new Set(batch.samples.map((s) => s.agentId))];
    const touched = await this.agents.touchIfAllOwned(em, ids, now, principal, sampleAgentIds);
    if (touched.size === ids.length && ids.every((id) => touched.get(id) === owners.get(id))) return;
    const existing = await this.agents.ownersOf(ids, em);
    this.assertOwned(paths, existing, principal);
    const moved = ids.find((id) => existing.get(id) !== owners.get(id)) ?? ids[0];
    throw IngestError.agentsChanged(moved, paths.get(moved)!);
  }

  private assertOwned(paths: Map<string, string>, owners: Map<string, string>, principal: Principal): void {
    for (const [id, path] of paths) {
      const owner = owners.get(id);
      if (owner === undefined || !canSee(principal, owner)) {
        IngestMetrics.rejected('unknown_agent');
        throw IngestError.unknownAgent(id, path);
      }
    }
  }

  private activityEntries(batch: IngestBatch, owners: Map<string, string>, principal: Principal): ActivityEntry[] {
    return batch.events.map((e) => ({
      ownerId: e.agentId === null ? principal.userId : owners.get(e.agentId)!,
      agentId: e.agentId,
      type: e.type,
      message: e.message,
      metadata: e.metadata ?? {},
      actor: 'agent',
      ts: e.timestamp,
    }));
  }
}
