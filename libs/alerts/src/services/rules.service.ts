import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AgentRepository } from '@fleetwatch/agents';
import { AppConfig } from '@fleetwatch/config';
import { Clock, decodeCursor, isAdmin, newId, Page, PageQueryDto, Principal } from '@fleetwatch/common';
import { Aggregation, BUILTIN_METRICS, Comparator, NoDataMode, RATE_METRICS, SAMPLE_TYPE_PATTERN, Severity } from '../alerts.constants';
import { CreateRuleDto, RuleResponseDto, UpdateRuleDto } from '../dto/rule.dto';
import { AlertsError, AlertsErrorCode } from '../errors/alerts.error';
import { toPgArray } from '../evaluation/transition-writer';
import { olderThan, toPage, whereClause } from '../repositories/keyset';
import { lockedOwnedCount } from '../repositories/owner-caps.sql';
import { AlertActionsService } from './alert-actions.service';

interface RuleRow {
  id: string;
  owner_id: string;
  name: string;
  metric: string;
  aggregation: Aggregation;
  comparator: Comparator;
  threshold: number;
  window_minutes: number;
  for_minutes: number;
  keep_firing_for_minutes: number;
  no_data: NoDataMode;
  severity: Severity;
  agent_id: string | null;
  channel_ids: string[];
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

type RuleFields = Required<Omit<CreateRuleDto, 'agentId'>> & { agentId: string | null };

function toDto(row: RuleRow): RuleResponseDto {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    metric: row.metric,
    aggregation: row.aggregation,
    comparator: row.comparator,
    threshold: Number(row.threshold),
    windowMinutes: row.window_minutes,
    forMinutes: row.for_minutes,
    keepFiringForMinutes: row.keep_firing_for_minutes,
    noData: row.no_data,
    severity: row.severity,
    agentId: row.agent_id,
    channelIds: row.channel_ids ?? [],
    enabled: row.enabled,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

@Injectable()
export class RulesService {
  constructor(
    private readonly em: EntityManager,
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
      const [row] = await tx.getConnection().execute<RuleRow[]>(
        `insert into alert_rules (id, owner_id, name, metric, aggregation, comparator, threshold, window_minutes, for_minutes,
           keep_firing_for_minutes, no_data, severity, agent_id, channel_ids, enabled, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::uuid[], ?, ?, ?) returning *`,
        [newId(), principal.userId, ...this.values(fields), now, now],
        'all',
        tx.getTransactionContext(),
      );
      return toDto(row);
    });
  }

  async list(principal: Principal, query: PageQueryDto): Promise<Page<RuleResponseDto>> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [];
    const owner = isAdmin(principal) ? null : (params.push(principal.userId), 'owner_id = ?');
    const keyset = olderThan(decodeCursor(query.cursor), 'created_at', 'id', params);
    params.push(limit + 1);
    const rows = await this.em.getConnection().execute<RuleRow[]>(
      `select * from alert_rules ${whereClause([owner, keyset])} order by created_at desc, id desc limit ?`,
      params,
    );
    return toPage(rows, limit, (r) => ({ at: new Date(r.created_at), id: r.id }), toDto);
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
        windowMinutes: dto.windowMinutes ?? current.window_minutes,
        forMinutes: dto.forMinutes ?? current.for_minutes,
        keepFiringForMinutes: dto.keepFiringForMinutes ?? current.keep_firing_for_minutes,
        noData: dto.noData ?? current.no_data,
        severity: dto.severity ?? current.severity,
        agentId: dto.agentId === undefined ? current.agent_id : dto.agentId,
        channelIds: dto.channelIds ? [...new Set(dto.channelIds)] : current.channel_ids,
        enabled: dto.enabled ?? current.enabled,
      };
      await this.validate(principal, current.owner_id, fields);
      if ((current.enabled && !fields.enabled) || current.agent_id !== fields.agentId) {
        await this.actions.resolveOpenOfRule(tx, id, principal.userId, fields.enabled ? 'rule retargeted' : 'rule disabled');
      }
      const [row] = await tx.getConnection().execute<RuleRow[]>(
        `update alert_rules set name = ?, metric = ?, aggregation = ?, comparator = ?, threshold = ?, window_minutes = ?, for_minutes = ?,
           keep_firing_for_minutes = ?, no_data = ?, severity = ?, agent_id = ?, channel_ids = ?::uuid[], enabled = ?, updated_at = ?
         where id = ? returning *`,
        [...this.values(fields), this.clock.now(), id],
        'all',
        tx.getTransactionContext(),
      );
      return toDto(row);
    });
  }

  /** Open alerts are resolved (and notified) first; then the rule goes with its alerts and history. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.em.transactional(async (tx) => {
      await this.visible(principal, id, tx);
      await this.actions.resolveOpenOfRule(tx, id, principal.userId, 'rule deleted');
      await tx.getConnection().execute(`delete from alert_rules where id = ?`, [id], 'run', tx.getTransactionContext());
    });
  }

  private values(f: RuleFields): unknown[] {
    return [f.name, f.metric, f.aggregation, f.comparator, f.threshold, f.windowMinutes, f.forMinutes, f.keepFiringForMinutes, f.noData, f.severity, f.agentId, toPgArray(f.channelIds), f.enabled];
  }

  private async visible(principal: Principal, id: string, em: EntityManager): Promise<RuleRow> {
    const params: unknown[] = [id];
    const owner = isAdmin(principal) ? '' : (params.push(principal.userId), 'and owner_id = ?');
    const [row] = await em.getConnection().execute<RuleRow[]>(`select * from alert_rules where id = ? ${owner}`, params, 'all', em.getTransactionContext());
    if (!row) throw AlertsError.notFound(AlertsErrorCode.RuleNotFound, 'rule', id);
    return row;
  }

  /** Checks what class-validator cannot: the metric's name and aggregation, the agent, the channels. */
  private async validate(principal: Principal, ownerId: string, f: RuleFields): Promise<void> {
    if (!BUILTIN_METRICS.includes(f.metric) && !SAMPLE_TYPE_PATTERN.test(f.metric)) {
      throw AlertsError.invalid(`metric must be a sample type matching ${SAMPLE_TYPE_PATTERN.source} or one of ${BUILTIN_METRICS.join(', ')}`);
    }
    if (RATE_METRICS.includes(f.metric) && f.aggregation !== 'avg') throw AlertsError.invalid(`aggregation must be avg for ${f.metric} (a fraction of calls)`);
    if (f.agentId) {
      const agent = await this.agents.findVisible(f.agentId, principal);
      if (!agent) throw new AlertsError(AlertsErrorCode.AgentNotFound, `agentId: agent ${f.agentId} not found`);
    }
    if (f.channelIds.length === 0) return;
    const rows = await this.em
      .getConnection()
      .execute<{ id: string }[]>(`select id from alert_channels where id = any(?::uuid[]) and owner_id = ?`, [toPgArray(f.channelIds), ownerId]);
    const known = new Set(rows.map((r) => r.id));
    const index = f.channelIds.findIndex((c) => !known.has(c));
    if (index >= 0) throw AlertsError.invalid(`channelIds[${index}] is not a channel of the rule's owner`);
  }
}
