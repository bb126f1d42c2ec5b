import { createHmac } from 'node:crypto';
import { Inject, Injectable, Optional } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { ChannelType } from '../alerts.constants';
import { postPinned } from './pinned-request';
import { checkUrl, HostResolver, isPrivateAddress, systemResolver } from './url-guard';

/** Overrides how webhook hosts are resolved (tests); the system resolver by default. */
export const HOST_RESOLVER = Symbol('HOST_RESOLVER');

export interface ChannelTarget {
  type: ChannelType;
  url: string;
  secret: string | null;
}

export interface SendResult {
  delivered: boolean;
  statusCode: number | null;
  latencyMs: number;
  error?: string;
}

export const SIGNATURE_HEADER = 'X-Fleetwatch-Signature';

export function signature(secret: string, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(body, 'utf8').digest('hex');
}

export function targetUrl(target: ChannelTarget): string {
  return target.type === 'alertmanager' ? target.url.replace(/\/+$/, '') + '/api/v2/alerts' : target.url;
}

/**
 * One HTTP attempt with the configured timeout; never throws. Redirects are not followed. The host
 * is resolved once, checked, and the connection pinned to that address; the connected peer is
 * checked again, so neither a second DNS answer nor a proxy-like detour reaches a private address.
 */
@Injectable()
export class ChannelSender {
  private readonly resolve: HostResolver;

  constructor(
    private readonly config: AppConfig,
    @Optional() @Inject(HOST_RESOLVER) resolve?: HostResolver,
  ) {
    this.resolve = resolve ?? systemResolver;
  }

  async send(target: ChannelTarget, body: string, meta: { deliveryId: string; event: string }): Promise<SendResult> {
    const started = performance.now();
    const elapsed = (): number => Math.round((performance.now() - started) * 100) / 100;
    const allowPrivate = this.config.alerts.allowPrivateWebhookUrls;
    const checked = await checkUrl(targetUrl(target), allowPrivate, this.resolve);
    if (!checked.ok) return { delivered: false, statusCode: null, latencyMs: elapsed(), error: checked.problem };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Fleetwatch-Alerts',
      'x-fleetwatch-delivery': meta.deliveryId,
      'x-fleetwatch-event': meta.event,
    };
    if (target.type === 'webhook' && target.secret) headers[SIGNATURE_HEADER.toLowerCase()] = signature(target.secret, body);
    if (target.type === 'alertmanager' && target.secret) headers.authorization = `Bearer ${target.secret}`;
    try {
      const status = await postPinned({
        url: checked.url,
        pin: checked.pin,
        headers,
        body,
        timeoutMs: this.config.alerts.deliveryTimeoutMs,
        refusePeer: allowPrivate ? undefined : isPrivateAddress,
      });
      const delivered = status >= 200 && status < 300;
      return { delivered, statusCode: status, latencyMs: elapsed(), error: delivered ? undefined : `receiver answered ${status}` };
    } catch (error) {
      const e = error as Error & { code?: string };
      const reason = e.code === 'TIMEOUT' || e.code === 'PRIVATE_PEER' ? e.message : (e.code ?? e.message);
      return { delivered: false, statusCode: null, latencyMs: elapsed(), error: `request failed: ${reason}` };
    }
  }
}
