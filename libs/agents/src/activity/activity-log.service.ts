import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { newId, ownerCondition, Principal } from '@fleetwatch/common';
import { PartitionService } from '@fleetwatch/database';
import { ActivityEntry, ActivityEventResponseDto } from './activity-event';
import { ActivityLogRepository, DomainEventCounts, EventRow, LatestStreams } from './activity-log.repository';

/**
 * The only writer and reader of the `events` table. Appends are one statement per batch; pass the
 * caller's transactional EntityManager to write in the same transaction as the change it records.
 */
@Injectable()
export class ActivityLogService {
  /** Private to this service (not a provider), so nothing else can reach the table around it. */
  private readonly repository: ActivityLogRepository;

  constructor(
    em: EntityManager,
    private readonly partitions: PartitionService,
  ) {
    this.repository = new ActivityLogRepository(em);
  }

  async append(entries: ActivityEntry[], em?: EntityManager): Promise<void> {
    if (entries.length === 0) return;
    await this.partitions.ensureForTimestamps(
      'events',
      entries.map((e) => e.ts),
    );
    const rows = entries.map((e): EventRow => ({
      id: newId(),
      owner_id: e.ownerId,
      agent_id: e.agentId,
      type: e.type,
      message: e.message,
      metadata: e.metadata,
      actor: e.actor,
      ts: e.ts.toISOString(),
    }));
    await this.repository.insert(rows, em);
  }

  /** Newest first; admins see every owner's events. */
  async list(principal: Principal, filter: { agentId?: string; limit: number; since?: Date }): Promise<ActivityEventResponseDto[]> {
    const owner = ownerCondition(principal, 'owner_id');
    const where: string[] = [owner.sql];
    const params: unknown[] = [...owner.params];
    if (filter.agentId) {
      where.push('agent_id = ?');
      params.push(filter.agentId);
    }
    if (filter.since) {
      where.push('ts >= ?');
      params.push(filter.since);
    }
    params.push(filter.limit);
    const rows = await this.repository.list(where, params);
    return rows.map((r) => ({ id: r.id, type: r.type, message: r.message, metadata: r.metadata, created_at: new Date(r.ts).toISOString() }));
  }

  /** Every stored event the principal may see. */
  count(principal: Principal): Promise<number> {
    return this.repository.count(ownerCondition(principal, 'owner_id'));
  }

  /** Visible events with ts in (since, until]. */
  countBetween(principal: Principal, since: Date, until: Date): Promise<number> {
    return this.repository.countBetween(ownerCondition(principal, 'owner_id'), since, until);
  }

  /** One owner's revenue, booking and fan events up to `now`, by calendar month (seed 000 music summary). */
  domainCounts(ownerId: string, month: Date, previousMonth: Date, now: Date): Promise<DomainEventCounts> {
    return this.repository.domainCounts(ownerId, month, previousMonth, now);
  }

  /** Sum over the owner's agents of each agent's latest `streams` event at or before `before`. */
  latestStreams(ownerId: string, before: Date): Promise<LatestStreams> {
    return this.repository.latestStreams(ownerId, before);
  }

  /** Skills by name with the status of their latest `skill` event at or before `before`. */
  latestSkills(ownerId: string, before: Date): Promise<{ total: number; active: number }> {
    return this.repository.latestSkills(ownerId, before);
  }
}
