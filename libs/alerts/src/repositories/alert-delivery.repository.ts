import { Keyset, Principal } from '@fleetwatch/common';
import type { AlertChannel } from '../entities/alert-channel.entity';
import type { AlertDelivery } from '../entities/alert-delivery.entity';
import { DeliveryStatus } from '../alerts.constants';
import { olderThan, visibleTo, whereClause } from './keyset.sql';
import { RowOf } from './raw-row.type';
import { SqlRepository } from './sql.repository';

type DeliveryColumns = RowOf<AlertDelivery>;
type ChannelColumns = RowOf<AlertChannel>;

/** An outbox row as the deliveries list shows it (the body and owner are left out). */
export type DeliveryListRow = Omit<DeliveryColumns, 'body' | 'owner_id'> & { channel_type: ChannelColumns['type'] };

/** A claimed outbox row with what sending it needs from its channel. */
export type ClaimedDeliveryRow = Pick<DeliveryColumns, 'id' | 'event' | 'body' | 'attempts'> & Pick<ChannelColumns, 'type' | 'url' | 'secret'>;

/** What one send attempt leaves on its row. */
export interface DeliveryOutcome {
  id: string;
  status: DeliveryStatus;
  next_attempt_at: string;
  last_status_code: number | null;
  last_error: string | null;
  delivered_at: string | null;
}

export class AlertDeliveryRepository extends SqlRepository<AlertDelivery> {
  /** Newest first, keyset-paged on (created_at, id). */
  listVisible(principal: Principal, filter: { status?: DeliveryStatus }, fetch: number, after?: Keyset): Promise<DeliveryListRow[]> {
    const params: unknown[] = [];
    const push = (condition: string, value: unknown): string => (params.push(value), condition);
    const where = whereClause([
      visibleTo(principal, 'd.owner_id', params),
      filter.status ? push('d.status = ?', filter.status) : null,
      olderThan(after, 'd.created_at', 'd.id', params),
    ]);
    params.push(fetch);
    return this.all<DeliveryListRow>(
      `select d.id, d.alert_id, d.channel_id, c.type as channel_type, d.event, d.status, d.attempts, d.next_attempt_at, d.last_status_code,
         d.last_error, d.created_at, d.delivered_at
       from alert_deliveries d join alert_channels c on c.id = d.channel_id ${where}
       order by d.created_at desc, d.id desc limit ?`,
      params,
    );
  }

  /** Outbox rows still waiting to be sent (all owners), on a connection of its own (read by the metrics scrape). */
  async backlogCount(): Promise<number> {
    const [row] = await this.em.fork().getConnection().execute<{ n: string }[]>(`select count(*) as n from alert_deliveries where status = 'pending'`);
    return Number(row?.n ?? 0);
  }

  /**
   * Claims up to `batch` due rows in one statement: FOR UPDATE SKIP LOCKED keeps concurrent
   * replicas off each other's rows, and pushing `next_attempt_at` to `lease` makes a row whose
   * sender died mid-flight due again after the lease.
   */
  claimDue(now: Date, batch: number, lease: Date): Promise<ClaimedDeliveryRow[]> {
    return this.em.getConnection().execute<ClaimedDeliveryRow[]>(
      `with due as (
         select id from alert_deliveries
         where status = 'pending' and next_attempt_at <= ?
         order by next_attempt_at, id limit ? for update skip locked
       )
       update alert_deliveries d set attempts = d.attempts + 1, next_attempt_at = ?
       from due, alert_channels c
       where d.id = due.id and c.id = d.channel_id
       returning d.id, d.event, d.body, d.attempts, c.type, c.url, c.secret`,
      [now, batch, lease],
    );
  }

  /** Writes every attempt's outcome in one statement. */
  async recordOutcomes(outcomes: DeliveryOutcome[]): Promise<void> {
    await this.em.getConnection().execute(
      `update alert_deliveries d set status = r.status, next_attempt_at = r.next_attempt_at, last_status_code = r.last_status_code,
         last_error = r.last_error, delivered_at = r.delivered_at
       from jsonb_to_recordset(?::jsonb) as r(id uuid, status text, next_attempt_at timestamptz, last_status_code int, last_error text, delivered_at timestamptz)
       where d.id = r.id`,
      [JSON.stringify(outcomes)],
    );
  }
}
