import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AgentRepository } from '@fleetwatch/agents';
import { AppConfig } from '@fleetwatch/config';
import { Clock, decodeCursor, newId, Page, PageQueryDto, Principal, visibleOwnerId } from '@fleetwatch/common';
import { CreateSilenceDto, SilenceResponseDto } from '../dto/silence.dto';
import { AlertSilence } from '../entities/alert-silence.entity';
import { AlertsError, AlertsErrorCode } from '../errors/alerts.error';
import { AlertRuleRepository } from '../repositories/alert-rule.repository';
import { AlertSilenceRepository } from '../repositories/alert-silence.repository';
import { toPage } from '../repositories/keyset.sql';
import { lockedOwnedCount } from '../repositories/owner-caps.sql';

/**
 * Silences mute notifications, not state: transitions that match an active silence are still
 * evaluated, stored and logged, and their outbox rows are written as `suppressed` (never sent).
 */
@Injectable()
export class SilencesService {
  constructor(
    private readonly em: EntityManager,
    private readonly silences: AlertSilenceRepository,
    private readonly rules: AlertRuleRepository,
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
      const rule = await this.rules.findVisible(ruleId, principal);
      if (!rule) throw new AlertsError(AlertsErrorCode.RuleNotFound, `matchers.ruleId: rule ${ruleId} not found`);
    }
    if (agentId && !(await this.agents.findVisible(agentId, principal))) {
      throw new AlertsError(AlertsErrorCode.AgentNotFound, `matchers.agentId: agent ${agentId} not found`);
    }
    const cap = this.config.alerts.maxSilencesPerUser;
    return this.em.transactional(async (tx) => {
      // Every delivery is matched against the active silences: the cap bounds that list per user.
      if ((await lockedOwnedCount(tx, 'silences', principal.userId, now)) >= cap)
        throw AlertsError.limitReached('active silences', cap, 'MAX_SILENCES_PER_USER');
      const silence = tx.create(AlertSilence, {
        id: newId(),
        ownerId: principal.userId,
        // A silence made by someone who sees every owner's alerts mutes every owner's alerts.
        appliesToAll: visibleOwnerId(principal) === null,
        ruleId: ruleId ?? null,
        agentId: agentId ?? null,
        severity: severity ?? null,
        startsAt,
        endsAt,
        comment: dto.comment,
        createdAt: now,
      });
      await tx.flush();
      return this.toDto(silence, now);
    });
  }

  async list(principal: Principal, query: PageQueryDto): Promise<Page<SilenceResponseDto>> {
    const limit = query.limit ?? 50;
    const rows = await this.silences.listVisible(principal, limit + 1, decodeCursor(query.cursor));
    const now = this.clock.now();
    return toPage(
      rows,
      limit,
      (s) => ({ at: new Date(s.createdAt), id: s.id }),
      (s) => this.toDto(s, now),
    );
  }

  /** Expires the silence now (kept for the record); a silence that has not started yet ends before it starts. */
  async expire(principal: Principal, id: string): Promise<void> {
    const now = this.clock.now();
    const silence = await this.silences.findVisible(id, principal);
    if (!silence) throw AlertsError.notFound(AlertsErrorCode.SilenceNotFound, 'silence', id);
    const justBefore = new Date(now.getTime() - 1);
    if (silence.endsAt > now) silence.endsAt = now;
    if (silence.startsAt > justBefore) silence.startsAt = justBefore;
    await this.em.flush();
  }

  private toDto(silence: AlertSilence, now: Date): SilenceResponseDto {
    const startsAt = new Date(silence.startsAt);
    const endsAt = new Date(silence.endsAt);
    const state = endsAt <= now ? 'expired' : startsAt > now ? 'pending' : 'active';
    return {
      id: silence.id,
      ownerId: silence.ownerId,
      matchers: { ruleId: silence.ruleId, agentId: silence.agentId, severity: silence.severity },
      startsAt: startsAt.toISOString(),
      endsAt: endsAt.toISOString(),
      comment: silence.comment,
      state,
      createdAt: new Date(silence.createdAt).toISOString(),
    };
  }
}
