import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock, decodeCursor, isAdmin, Page, Principal } from '@fleetwatch/common';
import { AlertStatus, ChannelType, DeliveryStatus, NotifyEvent } from '../alerts.constants';
import { AlertHistoryEntryDto, AlertResponseDto, ListAlertsQueryDto } from '../dto/alert.dto';
import { AlertsDashboardDto } from '../dto/dashboard.dto';
import { DeliveryResponseDto, ListDeliveriesQueryDto } from '../dto/delivery.dto';
import { AlertsError, AlertsErrorCode } from '../errors/alerts.error';
import { toAlertDto } from '../evaluation/alert-record';
import { ALERT_JOIN, AlertJoinedRow, recordFromRow } from '../repositories/alert-records';
import { olderThan, toPage, whereClause } from '../repositories/keyset';

interface DeliveryRow {
  id: string;
  alert_id: string | null;
  channel_id: string;
  channel_type: ChannelType;
  event: NotifyEvent;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  created_at: Date;
  delivered_at: Date | null;
}

const DAY_MS = 86_400_000;

function iso(value: Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** Reads of alerts, their history, the outbox and the dashboard; also what monitoring shows. */
@Injectable()
export class AlertsQueryService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
  ) {}

  /** Newest first (by start), keyset-paged on (started_at, id). */
  async list(principal: Principal, query: ListAlertsQueryDto): Promise<Page<AlertResponseDto>> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [];
    const push = (condition: string, value: unknown): string => (params.push(value), condition);
    const where = whereClause([
      isAdmin(principal) ? null : push('al.owner_id = ?', principal.userId),
      query.status ? push('al.status = ?', query.status) : null,
      query.severity ? push('al.severity = ?', query.severity) : null,
      query.agentId ? push('al.agent_id = ?', query.agentId) : null,
      olderThan(decodeCursor(query.cursor), 'al.started_at', 'al.id', params),
    ]);
    params.push(limit + 1);
    const rows = await this.em.getConnection().execute<AlertJoinedRow[]>(`${ALERT_JOIN} ${where} order by al.started_at desc, al.id desc limit ?`, params);
    return toPage(rows, limit, (r) => ({ at: new Date(r.started_at), id: r.id }), (r) => toAlertDto(recordFromRow(r)));
  }

  /** Open alerts (pending, firing, acknowledged), most severe and newest first. */
  async activeAlerts(principal: Principal, limit: number): Promise<AlertResponseDto[]> {
    const params: unknown[] = [];
    const owner = isAdmin(principal) ? null : (params.push(principal.userId), 'al.owner_id = ?');
    params.push(limit);
    const rows = await this.em.getConnection().execute<AlertJoinedRow[]>(
      `${ALERT_JOIN} ${whereClause([`al.status <> 'resolved'`, owner])}
       order by case al.severity when 'critical' then 0 when 'warning' then 1 else 2 end, al.started_at desc, al.id desc limit ?`,
      params,
    );
    return rows.map((r) => toAlertDto(recordFromRow(r)));
  }

  /** Outbox rows still waiting to be sent (all owners). */
  async backlogCount(): Promise<number> {
    const [row] = await this.em.fork().getConnection().execute<{ n: string }[]>(`select count(*) as n from alert_deliveries where status = 'pending'`);
    return Number(row?.n ?? 0);
  }

  /** Open alerts by severity (all owners), for the Prometheus gauge. */
  async openBySeverity(): Promise<Record<string, number>> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ severity: string; n: string }[]>(`select severity, count(*) as n from alerts where status <> 'resolved' group by severity`);
    return Object.fromEntries(rows.map((r) => [r.severity, Number(r.n)]));
  }

  async history(principal: Principal, id: string): Promise<AlertHistoryEntryDto[]> {
    const params: unknown[] = [id];
    const owner = isAdmin(principal) ? '' : (params.push(principal.userId), 'and owner_id = ?');
    const [alert] = await this.em.getConnection().execute(`select id from alerts where id = ? ${owner}`, params);
    if (!alert) throw AlertsError.notFound(AlertsErrorCode.AlertNotFound, 'alert', id);
    const rows = await this.em
      .getConnection()
      .execute<{ from_status: AlertStatus | null; to_status: AlertStatus; value: number | null; actor: string; note: string | null; at: Date }[]>(
        `select from_status, to_status, value, actor, note, at from alert_history where alert_id = ? order by at, id`,
        [id],
      );
    return rows.map((r) => ({ from: r.from_status, to: r.to_status, value: r.value === null ? null : Number(r.value), actor: r.actor, note: r.note, at: new Date(r.at).toISOString() }));
  }

  async deliveries(principal: Principal, query: ListDeliveriesQueryDto): Promise<Page<DeliveryResponseDto>> {
    const limit = query.limit ?? 50;
    const params: unknown[] = [];
    const push = (condition: string, value: unknown): string => (params.push(value), condition);
    const where = whereClause([
      isAdmin(principal) ? null : push('d.owner_id = ?', principal.userId),
      query.status ? push('d.status = ?', query.status) : null,
      olderThan(decodeCursor(query.cursor), 'd.created_at', 'd.id', params),
    ]);
    params.push(limit + 1);
    const rows = await this.em.getConnection().execute<DeliveryRow[]>(
      `select d.id, d.alert_id, d.channel_id, c.type as channel_type, d.event, d.status, d.attempts, d.next_attempt_at, d.last_status_code,
         d.last_error, d.created_at, d.delivered_at
       from alert_deliveries d join alert_channels c on c.id = d.channel_id ${where}
       order by d.created_at desc, d.id desc limit ?`,
      params,
    );
    return toPage(rows, limit, (r) => ({ at: new Date(r.created_at), id: r.id }), (r) => ({
      id: r.id,
      alertId: r.alert_id,
      channelId: r.channel_id,
      channelType: r.channel_type,
      event: r.event,
      status: r.status,
      attempts: r.attempts,
      nextAttemptAt: r.status === 'pending' ? iso(r.next_attempt_at) : null,
      lastStatusCode: r.last_status_code,
      lastError: r.last_error,
      createdAt: new Date(r.created_at).toISOString(),
      deliveredAt: iso(r.delivered_at),
    }));
  }

  async dashboard(principal: Principal): Promise<AlertsDashboardDto> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - 7 * DAY_MS);
    const ownerParams = isAdmin(principal) ? [] : [principal.userId];
    const owner = isAdmin(principal) ? 'true' : 'al.owner_id = ?';
    const connection = this.em.getConnection();
    const [counts] = await connection.execute<Record<string, string | null>[]>(
      `select
         count(*) filter (where al.status = 'pending') as pending,
         count(*) filter (where al.status = 'firing') as firing,
         count(*) filter (where al.status = 'acknowledged') as acknowledged,
         count(*) filter (where al.status = 'resolved' and al.resolved_at >= ?) as resolved,
         count(*) filter (where al.status <> 'resolved' and al.severity = 'info') as info,
         count(*) filter (where al.status <> 'resolved' and al.severity = 'warning') as warning,
         count(*) filter (where al.status <> 'resolved' and al.severity = 'critical') as critical,
         avg(extract(epoch from al.acknowledged_at - al.fired_at)) filter (where al.acknowledged_at >= ? and al.fired_at is not null) as mtta,
         avg(extract(epoch from al.resolved_at - al.fired_at)) filter (where al.resolved_at >= ? and al.fired_at is not null) as mttr
       from alerts al where ${owner} and (al.status <> 'resolved' or al.resolved_at >= ?)`,
      [since, since, since, ...ownerParams, since],
    );
    const noisy = await connection.execute<{ rule_id: string; rule_name: string; fired: string }[]>(
      `select al.rule_id, r.name as rule_name, count(*) as fired
       from alerts al join alert_rules r on r.id = al.rule_id
       where ${owner} and al.fired_at >= ?
       group by al.rule_id, r.name order by fired desc, r.name limit 5`,
      [...ownerParams, since],
    );
    const n = (key: string): number => Number(counts?.[key] ?? 0);
    const seconds = (key: string): number | null => (counts?.[key] == null ? null : Math.round(Number(counts[key]) * 1000) / 1000);
    return {
      byStatus: { pending: n('pending'), firing: n('firing'), acknowledged: n('acknowledged'), resolved: n('resolved') },
      bySeverity: { info: n('info'), warning: n('warning'), critical: n('critical') },
      noisiestRules: noisy.map((r) => ({ ruleId: r.rule_id, ruleName: r.rule_name, fired: Number(r.fired) })),
      meanTimeToAcknowledgeSeconds: seconds('mtta'),
      meanTimeToResolveSeconds: seconds('mttr'),
      since: since.toISOString(),
    };
  }
}
