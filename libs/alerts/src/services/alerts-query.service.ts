import { Injectable } from '@nestjs/common';
import { Clock, DAY_MS, decodeCursor, Page, Principal } from '@fleetwatch/common';
import { AlertHistoryEntryDto, AlertResponseDto, ListAlertsQueryDto } from '../dto/alert.dto';
import { AlertsDashboardDto } from '../dto/dashboard.dto';
import { DeliveryResponseDto, ListDeliveriesQueryDto } from '../dto/delivery.dto';
import { AlertsError, AlertsErrorCode } from '../errors/alerts.error';
import { toAlertDto } from '../evaluation/alert-record';
import { AlertDeliveryRepository } from '../repositories/alert-delivery.repository';
import { AlertHistoryRepository } from '../repositories/alert-history.repository';
import { recordFromRow } from '../repositories/alert-join.sql';
import { AlertRepository, DashboardCounts } from '../repositories/alert.repository';
import { toPage } from '../repositories/keyset.sql';

function iso(value: Date | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}

/** Reads of alerts, their history, the outbox and the dashboard; also what monitoring shows. */
@Injectable()
export class AlertsQueryService {
  constructor(
    private readonly alertRows: AlertRepository,
    private readonly historyRows: AlertHistoryRepository,
    private readonly outbox: AlertDeliveryRepository,
    private readonly clock: Clock,
  ) {}

  /** Newest first (by start), keyset-paged on (started_at, id). */
  async list(principal: Principal, query: ListAlertsQueryDto): Promise<Page<AlertResponseDto>> {
    const limit = query.limit ?? 50;
    const filter = { status: query.status, severity: query.severity, agentId: query.agentId };
    const rows = await this.alertRows.listVisible(principal, filter, limit + 1, decodeCursor(query.cursor));
    return toPage(
      rows,
      limit,
      (r) => ({ at: new Date(r.started_at), id: r.id }),
      (r) => toAlertDto(recordFromRow(r)),
    );
  }

  /** Open alerts (pending, firing, acknowledged), most severe and newest first. */
  async activeAlerts(principal: Principal, limit: number): Promise<AlertResponseDto[]> {
    const rows = await this.alertRows.activeVisible(principal, limit);
    return rows.map((r) => toAlertDto(recordFromRow(r)));
  }

  /** Outbox rows still waiting to be sent (all owners). */
  backlogCount(): Promise<number> {
    return this.outbox.backlogCount();
  }

  /** Open alerts by severity (all owners), for the Prometheus gauge. */
  openBySeverity(): Promise<Record<string, number>> {
    return this.alertRows.openBySeverity();
  }

  async history(principal: Principal, id: string): Promise<AlertHistoryEntryDto[]> {
    if (!(await this.alertRows.findVisible(id, principal))) throw AlertsError.notFound(AlertsErrorCode.AlertNotFound, 'alert', id);
    const entries = await this.historyRows.ofAlert(id);
    return entries.map((e) => ({
      from: e.fromStatus,
      to: e.toStatus,
      value: e.value === null ? null : Number(e.value),
      actor: e.actor,
      note: e.note,
      at: new Date(e.at).toISOString(),
    }));
  }

  async deliveries(principal: Principal, query: ListDeliveriesQueryDto): Promise<Page<DeliveryResponseDto>> {
    const limit = query.limit ?? 50;
    const rows = await this.outbox.listVisible(principal, { status: query.status }, limit + 1, decodeCursor(query.cursor));
    return toPage(
      rows,
      limit,
      (r) => ({ at: new Date(r.created_at), id: r.id }),
      (r) => ({
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
      }),
    );
  }

  async dashboard(principal: Principal): Promise<AlertsDashboardDto> {
    const now = this.clock.now();
    const since = new Date(now.getTime() - 7 * DAY_MS);
    const counts = await this.alertRows.dashboardCounts(principal, since);
    const noisy = await this.alertRows.noisiestRules(principal, since);
    const n = (key: keyof DashboardCounts): number => Number(counts?.[key] ?? 0);
    const seconds = (key: 'mtta' | 'mttr'): number | null => (counts?.[key] == null ? null : Math.round(Number(counts[key]) * 1000) / 1000);
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
