import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { Clock } from '@fleetwatch/common';
import { ChannelType } from '../alerts.constants';
import { ChannelSender, SendResult } from './channel-sender';

interface ClaimedRow {
  id: string;
  event: string;
  body: string;
  attempts: number;
  type: ChannelType;
  url: string;
  secret: string | null;
}

export interface DeliveryRunReport {
  claimed: number;
  delivered: number;
  retried: number;
  failed: number;
}

const BATCH = 100;
/** Extra lease beyond the send timeout, so a crashed sender's rows become due again. */
const LEASE_MARGIN_MS = 60_000;

/** Retry delay after the n-th failed attempt: base · 2^(n−1). */
export function backoffMs(baseSeconds: number, attempts: number): number {
  return baseSeconds * 1000 * 2 ** Math.max(0, attempts - 1);
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
    const connection = em.getConnection();
    const now = this.clock.now();
    const lease = new Date(now.getTime() + this.config.alerts.deliveryTimeoutMs + LEASE_MARGIN_MS);
    const claimed = await connection.execute<ClaimedRow[]>(
      `with due as (
         select id from alert_deliveries
         where status = 'pending' and next_attempt_at <= ?
         order by next_attempt_at, id limit ? for update skip locked
       )
       update alert_deliveries d set attempts = d.attempts + 1, next_attempt_at = ?
       from due, alert_channels c
       where d.id = due.id and c.id = d.channel_id
       returning d.id, d.event, d.body, d.attempts, c.type, c.url, c.secret`,
      [now, BATCH, lease],
    );
    const report: DeliveryRunReport = { claimed: claimed.length, delivered: 0, retried: 0, failed: 0 };
    if (claimed.length === 0) return report;
    const results = await Promise.all(claimed.map(async (row) => ({ row, result: await this.sender.send(row, row.body, { deliveryId: row.id, event: row.event }) })));
    const finished = this.clock.now();
    const updates = results.map(({ row, result }) => this.outcome(row, result, finished, report));
    await connection.execute(
      `update alert_deliveries d set status = r.status, next_attempt_at = r.next_attempt_at, last_status_code = r.last_status_code,
         last_error = r.last_error, delivered_at = r.delivered_at
       from jsonb_to_recordset(?::jsonb) as r(id uuid, status text, next_attempt_at timestamptz, last_status_code int, last_error text, delivered_at timestamptz)
       where d.id = r.id`,
      [JSON.stringify(updates)],
    );
    return report;
  }

  private outcome(row: ClaimedRow, result: SendResult, now: Date, report: DeliveryRunReport): Record<string, unknown> {
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
