import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { Clock, decodeCursor, isAdmin, newId, Page, PageQueryDto, Principal } from '@fleetwatch/common';
import { ChannelType } from '../alerts.constants';
import { ChannelResponseDto, ChannelTestResponseDto, CreateChannelDto, UpdateChannelDto } from '../dto/channel.dto';
import { AlertsError, AlertsErrorCode } from '../errors/alerts.error';
import { ChannelSender } from '../notify/channel-sender';
import { buildBody } from '../notify/payloads';
import { urlProblem } from '../notify/url-guard';
import { olderThan, toPage, whereClause } from '../repositories/keyset';
import { lockedOwnedCount } from '../repositories/owner-caps.sql';

interface ChannelRow {
  id: string;
  owner_id: string;
  name: string;
  type: ChannelType;
  url: string;
  secret: string | null;
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
}

function toDto(row: ChannelRow): ChannelResponseDto {
  return {
    id: row.id,
    ownerId: row.owner_id,
    name: row.name,
    type: row.type,
    url: row.url,
    hasSecret: row.secret !== null,
    enabled: row.enabled,
    createdAt: new Date(row.created_at).toISOString(),
    updatedAt: new Date(row.updated_at).toISOString(),
  };
}

@Injectable()
export class ChannelsService {
  constructor(
    private readonly em: EntityManager,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly sender: ChannelSender,
  ) {}

  async create(principal: Principal, dto: CreateChannelDto): Promise<ChannelResponseDto> {
    await this.validate(dto.type, dto.url, dto.secret, true);
    const now = this.clock.now();
    const cap = this.config.alerts.maxChannelsPerUser;
    return this.em.transactional(async (tx) => {
      if ((await lockedOwnedCount(tx, 'channels', principal.userId, now)) >= cap) throw AlertsError.limitReached('notification channels', cap, 'MAX_CHANNELS_PER_USER');
      const [row] = await tx.getConnection().execute<ChannelRow[]>(
        `insert into alert_channels (id, owner_id, name, type, url, secret, enabled, created_at, updated_at)
         values (?, ?, ?, ?, ?, ?, ?, ?, ?) returning *`,
        [newId(), principal.userId, dto.name, dto.type, dto.url, dto.secret ?? null, dto.enabled ?? true, now, now],
        'all',
        tx.getTransactionContext(),
      );
      return toDto(row);
    });
  }

  async list(principal: Principal, query: PageQueryDto): Promise<Page<ChannelResponseDto>> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [];
    const owner = isAdmin(principal) ? null : (params.push(principal.userId), 'owner_id = ?');
    const keyset = olderThan(decodeCursor(query.cursor), 'created_at', 'id', params);
    params.push(limit + 1);
    const rows = await this.em.getConnection().execute<ChannelRow[]>(
      `select * from alert_channels ${whereClause([owner, keyset])} order by created_at desc, id desc limit ?`,
      params,
    );
    return toPage(rows, limit, (r) => ({ at: new Date(r.created_at), id: r.id }), toDto);
  }

  async update(principal: Principal, id: string, dto: UpdateChannelDto): Promise<ChannelResponseDto> {
    const current = await this.visible(principal, id);
    await this.validate(current.type, dto.url ?? current.url, dto.secret ?? current.secret ?? undefined, dto.url !== undefined);
    const [row] = await this.em.getConnection().execute<ChannelRow[]>(
      `update alert_channels set name = ?, url = ?, secret = ?, enabled = ?, updated_at = ? where id = ? returning *`,
      [dto.name ?? current.name, dto.url ?? current.url, dto.secret ?? current.secret, dto.enabled ?? current.enabled, this.clock.now(), id],
    );
    return toDto(row);
  }

  /** Removes the channel, its outbox rows, and its id from every rule that named it. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.visible(principal, id);
    await this.em.transactional(async (tx) => {
      const ctx = tx.getTransactionContext();
      await tx.getConnection().execute(`update alert_rules set channel_ids = array_remove(channel_ids, ?::uuid) where ? = any(channel_ids)`, [id, id], 'run', ctx);
      await tx.getConnection().execute(`delete from alert_channels where id = ?`, [id], 'run', ctx);
    });
  }

  /** Sends a `test` event now, outside the outbox, and reports what the receiver answered. */
  async test(principal: Principal, id: string): Promise<ChannelTestResponseDto> {
    const channel = await this.visible(principal, id);
    const deliveryId = newId();
    const body = buildBody(channel.type, { deliveryId, event: 'test', repeat: false, now: this.clock.now() });
    const result = await this.sender.send(channel, body, { deliveryId, event: 'test' });
    return { delivered: result.delivered, statusCode: result.statusCode, latencyMs: result.latencyMs, ...(result.error ? { error: result.error } : {}) };
  }

  async visible(principal: Principal, id: string): Promise<ChannelRow> {
    const params: unknown[] = [id];
    const owner = isAdmin(principal) ? '' : (params.push(principal.userId), 'and owner_id = ?');
    const [row] = await this.em.getConnection().execute<ChannelRow[]>(`select * from alert_channels where id = ? ${owner}`, params);
    if (!row) throw AlertsError.notFound(AlertsErrorCode.ChannelNotFound, 'channel', id);
    return row;
  }

  private async validate(type: ChannelType, url: string, secret: string | undefined, checkUrl: boolean): Promise<void> {
    if (type === 'webhook' && !secret) throw AlertsError.invalid('secret is required for webhook channels (it signs every body)');
    if (type === 'slack' && secret) throw AlertsError.invalid('secret is not used by slack channels');
    if (!checkUrl) return;
    const problem = await urlProblem(url, this.config.alerts.allowPrivateWebhookUrls);
    if (problem) throw AlertsError.invalid(problem);
  }
}
