import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { isAdmin, newId, Principal } from '@fleetwatch/common';
import { PartitionService } from '@fleetwatch/database';
import { ActivityEntry, ActivityEventResponseDto } from './activity-event';

interface EventRow {
  id: string;
  type: string;
  message: string;
  metadata: Record<string, unknown>;
  ts: Date;
}

/**
 * The only writer and reader of the `events` table. Appends are one statement per batch; pass the
 * caller's transactional EntityManager to write in the same transaction as the change it records.
 */
@Injectable()
export class ActivityLogService {
  constructor(
    private readonly em: EntityManager,
    private readonly partitions: PartitionService,
  ) {}

  async append(entries: ActivityEntry[], em: EntityManager = this.em): Promise<void> {
    if (entries.length === 0) return;
    await this.partitions.ensureForTimestamps('events', entries.map((e) => e.ts));
    const rows = entries.map((e) => ({
      id: newId(),
      owner_id: e.ownerId,
      agent_id: e.agentId,
      type: e.type,
      message: e.message,
      metadata: e.metadata,
      actor: e.actor,
      ts: e.ts.toISOString(),
    }));
    await em.getConnection().execute(
      `insert into events (id, owner_id, agent_id, type, message, metadata, actor, ts)
       select id, owner_id, agent_id, type, message, metadata, actor, ts
       from jsonb_to_recordset(?::jsonb) as r(id uuid, owner_id uuid, agent_id uuid, type text, message text, metadata jsonb, actor text, ts timestamptz)`,
      [JSON.stringify(rows)],
      'run',
      em.getTransactionContext(),
    );
  }

  /** Newest first; admins see every owner's events. */
  async list(principal: Principal, filter: { agentId?: string; limit: number; since?: Date }): Promise<ActivityEventResponseDto[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (!isAdmin(principal)) {
      where.push('owner_id = ?');
      params.push(principal.userId);
    }
    if (filter.agentId) {
      where.push('agent_id = ?');
      params.push(filter.agentId);
    }
    if (filter.since) {
      where.push('ts >= ?');
      params.push(filter.since);
    }
    params.push(filter.limit);
    const rows = await this.em.getConnection().execute<EventRow[]>(
      `select id, type, message, metadata, ts from events
       ${where.length ? 'where ' + where.join(' and ') : ''}
       order by ts desc, id desc limit ?`,
      params,
    );
    return rows.map((r) => ({ id: r.id, type: r.type, message: r.message, metadata: r.metadata, created_at: new Date(r.ts).toISOString() }));
  }
}
