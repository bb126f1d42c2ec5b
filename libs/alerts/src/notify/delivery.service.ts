import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { Clock, MINUTE_MS, SECOND_MS } from '@fleetwatch/common';
import { AlertDelivery } from '../entities/alert-delivery.entity';
import { ClaimedDeliveryRow, DeliveryOutcome } from '../repositories/alert-delivery.repository';
import { ChannelSender, SendResult } from './channel-sender.service';

export interface DeliveryRunReport {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

const BATCH = 100;
/** Extra lease beyond the send timeout, so a crashed sender's rows become due again. */
const LEASE_MARGIN_MS = MINUTE_MS;

/** Retry delay after the n-th failed attempt: base · 2^(n−1). */
export function backoffMs(baseSeconds: number, attempts: number): number {
  return baseSeconds * SECOND_MS * 2 ** Math.max(0, attempts - 1);
}

/**
 * Sends due outbox rows. Claiming is one statement with FOR UPDATE SKIP LOCKED that also pushes
 * `next_attempt_at` out by a lease, so concurrent replicas never take the same row and a row whose
 * sender died mid-flight is retried after the lease (at-least-once; the body's stable id lets
 * receivers drop a duplicate).
 */
@Injectable()
export class DeliveryService {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly sender: ChannelSender,
  ) {}

  async deliverDue(em: EntityManager): Promise<DeliveryRunReport> {
    const outbox = em.getRepository(AlertDelivery);
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.config.alerts.deliveryTimeoutMs + LEASE_MARGIN_MS);
    const claimed = await outbox.claimDue(now, BATCH, lease);
    const report: DeliveryRunReport = { claimed: claimed.length, delivered: 0, retried: 0, failed: 0 };
    if (claimed.length === 0) return report;
    const results = await Promise.all(
      claimed.map(async (row) => ({ row, result: await this.sender.send(row, row.body, { deliveryId: row.id, event: row.event }) })),
    );
    const finished = this.clock.now();
    const updates = results.map(({ row, result }) => this.outcome(row, result, finished, report));
    await outbox.recordOutcomes(updates);
    return report;
  }

  private outcome(row: ClaimedDeliveryRow, result: SendResult, now: Date, report: DeliveryRunReport): DeliveryOutcome {
    const base = { id: row.id, last_status_code: result.statusCode, last_error: result.error ?? null, delivered_at: null as string | null };
    if (result.delivered) {
      report.delivered++;
      return { ...base, status: 'delivered', next_attempt_at: now.toISOString(), delivered_at: now.toISOString() };
    }
    if (row.attempts >= this.config.alerts.deliveryMaxAttempts) {
      report.failed++;
      return { ...base, status: 'failed', next_attempt_at: now.toISOString() };
    }
    report.retried++;
    const next = new Date(now.getTime() + backoffMs(this.config.alerts.deliveryBackoffBaseSeconds, row.attempts));
    return { ...base, status: 'pending', next_attempt_at: next.toISOString() };
  }
}
