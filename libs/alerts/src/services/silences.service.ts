import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AgentRepository } from '@fleetwatch/agents';
import { AppConfig } from '@fleetwatch/config';
import { Clock, decodeCursor, isAdmin, newId, Page, PageQueryDto, Principal } from '@fleetwatch/common';
import { Severity } from '../alerts.constants';
import { CreateSilenceDto, SilenceResponseDto } from '../dto/silence.dto';
import { AlertsError, AlertsErrorCode } from '../errors/alerts.error';
import { olderThan, toPage, whereClause } from '../repositories/keyset';
import { lockedOwnedCount } from '../repositories/owner-caps.sql';

interface SilenceRow {
  id: string;
  owner_id: string;
  rule_id: string | null;
  agent_id: string | null;
  severity: Severity | null;
  starts_at: Date;
  ends_at: Date;
  comment: string;
  created_at: Date;
}

/**
 * Silences mute notifications, not state: transitions that match an active silence are still
 * evaluated, stored and logged, and their outbox rows are written as `suppressed` (never sent).
 */
@Injectable()
export class SilencesService {
  constructor(
    private readonly em: EntityManager,
    private readonly agents: AgentRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, dto: CreateSilenceDto): Promise<SilenceResponseDto> {
    const now = this.clock.now();
    const startsAt = dto.startsAt ? new Date(dto.startsAt) : now;
    const endsAt = new Date(dto.endsAt);
    if (endsAt.getTime() <= startsAt.getTime()) throw AlertsError.invalid('endsAt must be after startsAt');
    const { ruleId, agentId, severity } = dto.matchers;
    if (ruleId) {
      const params: unknown[] = [ruleId];
      const owner = isAdmin(principal) ? '' : (params.push(principal.userId), 'and owner_id = ?');
      const [rule] = await this.em.getConnection().execute(`select id from alert_rules where id = ? ${owner}`, params);
      if (!rule) throw new AlertsError(AlertsErrorCode.RuleNotFound, `matchers.ruleId: rule ${ruleId} not found`);
    }
    if (agentId && !(await this.agents.findVisible(agentId, principal))) {
      throw new AlertsError(AlertsErrorCode.AgentNotFound, `matchers.agentId: agent ${agentId} not found`);
    }
    const cap = this.config.alerts.maxSilencesPerUser;
    return this.em.transactional(async (tx) => {
      // Every delivery is matched against the active silences: the cap bounds that list per user.
      if ((await lockedOwnedCount(tx, 'silences', principal.userId, now)) >= cap) throw AlertsError.limitReached('active silences', cap, 'MAX_SILENCES_PER_USER');
      const [row] = await tx.getConnection().execute<SilenceRow[]>(
        `insert into alert_silences (id, owner_id, applies_to_all, rule_id, agent_id, severity, starts_at, ends_at, comment, created_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
        [newId(), principal.userId, isAdmin(principal), ruleId ?? null, agentId ?? null, severity ?? null, startsAt, endsAt, dto.comment, now],
        'all',
        tx.getTransactionContext(),
      );
      return this.toDto(row, now);
    });
  }

  async list(principal: Principal, query: PageQueryDto): Promise<Page<SilenceResponseDto>> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [];
    const owner = isAdmin(principal) ? null : (params.push(principal.userId), 'owner_id = ?');
    const keyset = olderThan(decodeCursor(query.cursor), 'created_at', 'id', params);
    params.push(limit + 1);
    const rows = await this.em.getConnection().execute<SilenceRow[]>(
      `select * from alert_silences ${whereClause([owner, keyset])} order by created_at desc, id desc limit ?`,
      params,
    );
    const now = this.clock.now();
    return toPage(rows, limit, (r) => ({ at: new Date(r.created_at), id: r.id }), (r) => this.toDto(r, now));
  }

  /** Expires the silence now (kept for the record); a silence that has not started yet ends before it starts. */
  async expire(principal: Principal, id: string): Promise<void> {
    const now = this.clock.now();
    const params: unknown[] = [now, now, id];
    const owner = isAdmin(principal) ? '' : (params.push(principal.userId), 'and owner_id = ?');
    const rows = await this.em.getConnection().execute(
      `update alert_silences set ends_at = least(ends_at, ?), starts_at = least(starts_at, ?::timestamptz - interval '1 millisecond')
       where id = ? ${owner} returning id`,
      params,
    );
    if (rows.length === 0) throw AlertsError.notFound(AlertsErrorCode.SilenceNotFound, 'silence', id);
  }

  private toDto(row: SilenceRow, now: Date): SilenceResponseDto {
    const startsAt = new Date(row.starts_at);
    const endsAt = new Date(row.ends_at);
    const state = endsAt <= now ? 'expired' : startsAt > now ? 'pending' : 'active';
    return {
      id: row.id,
      ownerId: row.owner_id,
      matchers: { ruleId: row.rule_id, agentId: row.agent_id, severity: row.severity },
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      comment: row.comment,
      state,
      createdAt: new Date(row.created_at).toISOString(),
    };
  }
}
