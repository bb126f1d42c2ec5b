import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AgentRepository } from '@fleetwatch/agents';
import { AppConfig } from '@fleetwatch/config';
import { Clock, decodeCursor, newId, Page, PageQueryDto, Principal } from '@fleetwatch/common';
import { BUILTIN_METRICS, CACHE_READ_RATIO_METRIC, RATE_METRICS, SAMPLE_TYPE_PATTERN } from '../alerts.constants';
import { isRunMetric } from '../evaluation/run-metrics';
import { CreateRuleDto, RuleResponseDto, UpdateRuleDto } from '../dto/rule.dto';
import { AlertRule } from '../entities/alert-rule.entity';
import { AlertsError, AlertsErrorCode } from '../errors/alerts.error';
import { AlertChannelRepository } from '../repositories/alert-channel.repository';
import { AlertRuleRepository } from '../repositories/alert-rule.repository';
import { toPage } from '../repositories/keyset.sql';
import { lockedOwnedCount } from '../repositories/owner-caps.sql';
import { AlertActionsService } from './alert-actions.service';

type RuleFields = Required<Omit<CreateRuleDto, 'agentId'>> & { agentId: string | null };

function toDto(rule: AlertRule): RuleResponseDto {
  return {
    id: rule.id,
    ownerId: rule.ownerId,
    name: rule.name,
    metric: rule.metric,
    aggregation: rule.aggregation,
    comparator: rule.comparator,
    threshold: Number(rule.threshold),
    windowMinutes: rule.windowMinutes,
    forMinutes: rule.forMinutes,
    keepFiringForMinutes: rule.keepFiringForMinutes,
    noData: rule.noData,
    severity: rule.severity,
    agentId: rule.agentId,
    channelIds: rule.channelIds ?? [],
    enabled: rule.enabled,
    createdAt: new Date(rule.createdAt).toISOString(),
    updatedAt: new Date(rule.updatedAt).toISOString(),
  };
}

@Injectable()
export class RulesService {
  constructor(
    private readonly em: EntityManager,
    private readonly rules: AlertRuleRepository,
    private readonly channels: AlertChannelRepository,
    private readonly agents: AgentRepository,
    private readonly actions: AlertActionsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async create(principal: Principal, dto: CreateRuleDto): Promise<RuleResponseDto> {
    const fields: RuleFields = {
      name: dto.name,
      metric: dto.metric,
      aggregation: dto.aggregation,
      comparator: dto.comparator,
      threshold: dto.threshold,
      windowMinutes: dto.windowMinutes,
      forMinutes: dto.forMinutes ?? 0,
      keepFiringForMinutes: dto.keepFiringForMinutes ?? 0,
      noData: dto.noData ?? 'ok',
      severity: dto.severity ?? 'warning',
      agentId: dto.agentId ?? null,
      channelIds: [...new Set(dto.channelIds ?? [])],
      enabled: dto.enabled ?? true,
    };
    await this.validate(principal, principal.userId, fields);
    const now = this.clock.now();
    const cap = this.config.alerts.maxRulesPerUser;
    return this.em.transactional(async (tx) => {
      // Every user's rules run in the shared evaluation tick: the cap bounds one user's share.
      if ((await lockedOwnedCount(tx, 'rules', principal.userId, now)) >= cap) throw AlertsError.limitReached('alert rules', cap, 'MAX_RULES_PER_USER');
      const rule = tx.create(AlertRule, { id: newId(), ownerId: principal.userId, ...fields, createdAt: now, updatedAt: now });
      await tx.flush();
      return toDto(rule);
    });
  }

  async list(principal: Principal, query: PageQueryDto): Promise<Page<RuleResponseDto>> {
    const limit = query.limit ?? 50;
    const rows = await this.rules.listVisible(principal, limit + 1, decodeCursor(query.cursor));
    return toPage(rows, limit, (r) => ({ at: new Date(r.createdAt), id: r.id }), toDto);
  }

  async get(principal: Principal, id: string): Promise<RuleResponseDto> {
    return toDto(await this.visible(principal, id, this.em));
  }

  /** Disabling a rule or changing which agent it watches resolves its open alerts (actor: the caller). */
  async update(principal: Principal, id: string, dto: UpdateRuleDto): Promise<RuleResponseDto> {
    return this.em.transactional(async (tx) => {
      const current = await this.visible(principal, id, tx);
      const fields: RuleFields = {
        name: dto.name ?? current.name,
        metric: dto.metric ?? current.metric,
        aggregation: dto.aggregation ?? current.aggregation,
        comparator: dto.comparator ?? current.comparator,
        threshold: dto.threshold ?? Number(current.threshold),
        windowMinutes: dto.windowMinutes ?? current.windowMinutes,
        forMinutes: dto.forMinutes ?? current.forMinutes,
        keepFiringForMinutes: dto.keepFiringForMinutes ?? current.keepFiringForMinutes,
        noData: dto.noData ?? current.noData,
        severity: dto.severity ?? current.severity,
        agentId: dto.agentId === undefined ? current.agentId : dto.agentId,
        channelIds: dto.channelIds ? [...new Set(dto.channelIds)] : current.channelIds,
        enabled: dto.enabled ?? current.enabled,
      };
      await this.validate(principal, current.ownerId, fields);
      if ((current.enabled && !fields.enabled) || current.agentId !== fields.agentId) {
        await this.actions.resolveOpenOfRule(tx, id, principal.userId, fields.enabled ? 'rule retargeted' : 'rule disabled');
      }
      tx.assign(current, { ...fields, updatedAt: this.clock.now() });
      await tx.flush();
      return toDto(current);
    });
  }

  /** Open alerts are resolved (and notified) first; then the rule goes with its alerts and history. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.em.transactional(async (tx) => {
      const rule = await this.visible(principal, id, tx);
      await this.actions.resolveOpenOfRule(tx, id, principal.userId, 'rule deleted');
      await tx.remove(rule).flush();
    });
  }

  private async visible(principal: Principal, id: string, em: EntityManager): Promise<AlertRule> {
    const rule = await em.getRepository(AlertRule).findVisible(id, principal);
    if (!rule) throw AlertsError.notFound(AlertsErrorCode.RuleNotFound, 'rule', id);
    return rule;
  }

  /** Checks what class-validator cannot: the metric's name and aggregation, the agent, the channels. */
  private async validate(principal: Principal, ownerId: string, f: RuleFields): Promise<void> {
    if (!BUILTIN_METRICS.includes(f.metric) && !SAMPLE_TYPE_PATTERN.test(f.metric)) {
      throw AlertsError.invalid(`metric must be a sample type matching ${SAMPLE_TYPE_PATTERN.source} or one of ${BUILTIN_METRICS.join(', ')}`);
    }
    if (RATE_METRICS.includes(f.metric) && f.aggregation !== 'avg') throw AlertsError.invalid(`aggregation must be avg for ${f.metric} (a fraction of calls)`);
    if (f.metric === CACHE_READ_RATIO_METRIC && f.aggregation !== 'avg') {
      throw AlertsError.invalid(`aggregation must be avg for ${f.metric} (Σ cache-read input tokens / Σ input tokens over the window)`);
    }
    if (isRunMetric(f.metric) && f.aggregation !== 'max') throw AlertsError.invalid(`aggregation must be max for ${f.metric} (any one run crossing fires)`);
    if (f.agentId) {
      const agent = await this.agents.findVisible(f.agentId, principal);
      if (!agent) throw new AlertsError(AlertsErrorCode.AgentNotFound, `agentId: agent ${f.agentId} not found`);
    }
    if (f.channelIds.length === 0) return;
    const known = await this.channels.idsOwnedBy(f.channelIds, ownerId);
    const index = f.channelIds.findIndex((c) => !known.has(c));
    if (index >= 0) throw AlertsError.invalid(`channelIds[${index}] is not a channel of the rule's owner`);
  }
}
