import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { Clock, decodeCursor, newId, Page, PageQueryDto, Principal } from '@fleetwatch/common';
import { ChannelType } from '../alerts.constants';
import { ChannelResponseDto, ChannelTestResponseDto, CreateChannelDto, UpdateChannelDto } from '../dto/channel.dto';
import { AlertChannel } from '../entities/alert-channel.entity';
import { AlertRule } from '../entities/alert-rule.entity';
import { AlertsError, AlertsErrorCode } from '../errors/alerts.error';
import { ChannelSender } from '../notify/channel-sender.service';
import { buildBody } from '../notify/payloads';
import { urlProblem } from '../notify/url-guard';
import { AlertChannelRepository } from '../repositories/alert-channel.repository';
import { toPage } from '../repositories/keyset.sql';
import { lockedOwnedCount } from '../repositories/owner-caps.sql';

function toDto(channel: AlertChannel): ChannelResponseDto {
  return {
    id: channel.id,
    ownerId: channel.ownerId,
    name: channel.name,
    type: channel.type,
    url: channel.url,
    hasSecret: channel.secret !== null,
    enabled: channel.enabled,
    createdAt: new Date(channel.createdAt).toISOString(),
    updatedAt: new Date(channel.updatedAt).toISOString(),
  };
}

@Injectable()
export class ChannelsService {
  constructor(
    private readonly em: EntityManager,
    private readonly channels: AlertChannelRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly sender: ChannelSender,
  ) {}

  async create(principal: Principal, dto: CreateChannelDto): Promise<ChannelResponseDto> {
    await this.validate(dto.type, dto.url, dto.secret, true);
    const now = this.clock.now();
    const cap = this.config.alerts.maxChannelsPerUser;
    return this.em.transactional(async (tx) => {
      if ((await lockedOwnedCount(tx, 'channels', principal.userId, now)) >= cap)
        throw AlertsError.limitReached('notification channels', cap, 'MAX_CHANNELS_PER_USER');
      const channel = tx.create(AlertChannel, {
        id: newId(),
        ownerId: principal.userId,
        name: dto.name,
        type: dto.type,
        url: dto.url,
        secret: dto.secret ?? null,
        enabled: dto.enabled ?? true,
        createdAt: now,
        updatedAt: now,
      });
      await tx.flush();
      return toDto(channel);
    });
  }

  async list(principal: Principal, query: PageQueryDto): Promise<Page<ChannelResponseDto>> {
    const limit = query.limit ?? 50;
    const rows = await this.channels.listVisible(principal, limit + 1, decodeCursor(query.cursor));
    return toPage(rows, limit, (c) => ({ at: new Date(c.createdAt), id: c.id }), toDto);
  }

  async update(principal: Principal, id: string, dto: UpdateChannelDto): Promise<ChannelResponseDto> {
    const current = await this.visible(principal, id);
    await this.validate(current.type, dto.url ?? current.url, dto.secret ?? current.secret ?? undefined, dto.url !== undefined);
    current.name = dto.name ?? current.name;
    current.url = dto.url ?? current.url;
    current.secret = dto.secret ?? current.secret;
    current.enabled = dto.enabled ?? current.enabled;
    current.updatedAt = this.clock.now();
    await this.em.flush();
    return toDto(current);
  }

  /** Removes the channel, its outbox rows, and its id from every rule that named it. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.visible(principal, id);
    await this.em.transactional(async (tx) => {
      await tx.getRepository(AlertRule).forgetChannel(id);
      await tx.getRepository(AlertChannel).nativeDelete({ id });
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

  async visible(principal: Principal, id: string): Promise<AlertChannel> {
    const channel = await this.channels.findVisible(id, principal);
    if (!channel) throw AlertsError.notFound(AlertsErrorCode.ChannelNotFound, 'channel', id);
    return channel;
  }

  private async validate(type: ChannelType, url: string, secret: string | undefined, checkUrl: boolean): Promise<void> {
    if (type === 'webhook' && !secret) throw AlertsError.invalid('secret is required for webhook channels (it signs every body)');
    if (type === 'slack' && secret) throw AlertsError.invalid('secret is not used by slack channels');
    if (!checkUrl) return;
    const problem = await urlProblem(url, this.config.alerts.allowPrivateWebhookUrls);
    if (problem) throw AlertsError.invalid(problem);
  }
}
