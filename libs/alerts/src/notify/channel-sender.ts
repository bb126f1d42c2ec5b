import { createHmac } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { ChannelType } from '../alerts.constants';
import { urlProblem } from './url-guard';

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

/** One HTTP attempt with the configured timeout; never throws. Redirects are not followed. */
@Injectable()
export class ChannelSender {
  constructor(private readonly config: AppConfig) {}

  async send(target: ChannelTarget, body: string, meta: { deliveryId: string; event: string }): Promise<SendResult> {
    const started = performance.now();
    const elapsed = (): number => Math.round((performance.now() - started) * 100) / 100;
    const problem = await urlProblem(target.url, this.config.alerts.allowPrivateWebhookUrls);
    if (problem) return { delivered: false, statusCode: null, latencyMs: elapsed(), error: problem };
    const headers: Record<string, string> = {
      'content-type': 'application/json',
      'user-agent': 'Fleetwatch-Alerts',
      'x-fleetwatch-delivery': meta.deliveryId,
      'x-fleetwatch-event': meta.event,
    };
    if (target.type === 'webhook' && target.secret) headers[SIGNATURE_HEADER.toLowerCase()] = signature(target.secret, body);
    if (target.type === 'alertmanager' && target.secret) headers.authorization = `Bearer ${target.secret}`;
    try {
      const response = await fetch(targetUrl(target), {
        method: 'POST',
        headers,
        body,
        redirect: 'manual',
        signal: AbortSignal.timeout(this.config.alerts.deliveryTimeoutMs),
      });
      await response.arrayBuffer().catch(() => undefined);
      const delivered = response.status >= 200 && response.status < 300;
      return { delivered, statusCode: response.status, latencyMs: elapsed(), error: delivered ? undefined : `receiver answered ${response.status}` };
    } catch (error) {
      const e = error as Error & { cause?: { code?: string; message?: string } };
      const reason = e.name === 'TimeoutError' ? `timed out after ${this.config.alerts.deliveryTimeoutMs} ms` : (e.cause?.code ?? e.cause?.message ?? e.message);
      return { delivered: false, statusCode: null, latencyMs: elapsed(), error: `request failed: ${reason}` };
    }
  }
}
