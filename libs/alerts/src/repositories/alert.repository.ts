import { Keyset, ownerCondition, Principal, visibleOwnerId } from '@fleetwatch/common';
import { AlertStatus, Severity } from '../alerts.constants';
import type { Alert } from '../entities/alert.entity';
import { ALERT_JOIN, AlertJoinedRow } from './alert-join.sql';
import { olderThan, visibleTo, whereClause } from './keyset.sql';
import { SqlRepository } from './sql.repository';

export interface AlertListFilter {
  status?: AlertStatus;
  severity?: Severity;
  agentId?: string;
}

/** The dashboard's counters over the open alerts and those resolved since the window start. */
export interface DashboardCounts {
  pending: string | null;
  firing: string | null;
  acknowledged: string | null;
  resolved: string | null;
  info: string | null;
  warning: string | null;
  critical: string | null;
  mtta: string | null;
  mttr: string | null;
}

export interface NoisyRuleRow {
  rule_id: string;
  rule_name: string;
  fired: string;
}

export class AlertRepository extends SqlRepository<Alert> {
  /** The alert when the caller may see it (its owner or an admin); otherwise null. */
  findVisible(id: string, principal: Principal): Promise<Alert | null> {
    const owner = visibleOwnerId(principal);
    return this.findOne(owner === null ? { id } : { id, ownerId: owner });
  }

  /** Newest first (by start), keyset-paged on (started_at, id). */
  listVisible(principal: Principal, filter: AlertListFilter, fetch: number, after?: Keyset): Promise<AlertJoinedRow[]> {
    const params: unknown[] = [];
    const push = (condition: string, value: unknown): string => (params.push(value), condition);
    const where = whereClause([
      visibleTo(principal, 'al.owner_id', params),
      filter.status ? push('al.status = ?', filter.status) : null,
      filter.severity ? push('al.severity = ?', filter.severity) : null,
      filter.agentId ? push('al.agent_id = ?', filter.agentId) : null,
      olderThan(after, 'al.started_at', 'al.id', params),
    ]);
    params.push(fetch);
    return this.all<AlertJoinedRow>(`${ALERT_JOIN} ${where} order by al.started_at desc, al.id desc limit ?`, params);
  }

  /** Open alerts (pending, firing, acknowledged), most severe and newest first. */
  activeVisible(principal: Principal, limit: number): Promise<AlertJoinedRow[]> {
    const params: unknown[] = [];
    const owner = visibleTo(principal, 'al.owner_id', params);
    params.push(limit);
    return this.all<AlertJoinedRow>(
      `${ALERT_JOIN} ${whereClause([`al.status <> 'resolved'`, owner])}
       order by case al.severity when 'critical' then 0 when 'warning' then 1 else 2 end, al.started_at desc, al.id desc limit ?`,
      params,
    );
  }

  /** Open alerts by severity (all owners), on a connection of its own (read by the metrics scrape). */
  async openBySeverity(): Promise<Record<string, number>> {
    const rows = await this.em
      .fork()
      .getConnection()
      .execute<{ severity: string; n: string }[]>(`select severity, count(*) as n from alerts where status <> 'resolved' group by severity`);
    return Object.fromEntries(rows.map((r) => [r.severity, Number(r.n)]));
  }

  async dashboardCounts(principal: Principal, since: Date): Promise<DashboardCounts | undefined> {
    const owner = ownerCondition(principal, 'al.owner_id');
    const [counts] = await this.all<DashboardCounts>(
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
       from alerts al where ${owner.sql} and (al.status <> 'resolved' or al.resolved_at >= ?)`,
      [since, since, since, ...owner.params, since],
    );
    return counts;
  }

  /** The five rules that fired most since `since`. */
  noisiestRules(principal: Principal, since: Date): Promise<NoisyRuleRow[]> {
    const owner = ownerCondition(principal, 'al.owner_id');
    return this.all<NoisyRuleRow>(
      `select al.rule_id, r.name as rule_name, count(*) as fired
       from alerts al join alert_rules r on r.id = al.rule_id
       where ${owner.sql} and al.fired_at >= ?
       group by al.rule_id, r.name order by fired desc, r.name limit 5`,
      [...owner.params, since],
    );
  }
}
