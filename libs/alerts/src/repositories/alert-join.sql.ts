import { joinAgents } from '@fleetwatch/agents';
import { Principal } from '@fleetwatch/common';
import { EVALUATE_JOB } from '../alerts.constants';
import type { Alert } from '../entities/alert.entity';
import type { AlertRule } from '../entities/alert-rule.entity';
import { AlertRecord, contextFromRow, dateOrNull } from '../evaluation/alert-record';
import { visibleTo } from './keyset.sql';
import { RowOf } from './raw-row.type';
import { TxSql } from './tx.sql';

/** An alert row with the rule and agent columns its record carries. */
export type AlertJoinedRow = RowOf<Alert> &
  Pick<RowOf<AlertRule>, 'metric' | 'aggregation' | 'comparator' | 'window_minutes' | 'channel_ids'> & { rule_name: string; agent_name: string };

/** Alerts with the rule and agent they belong to; `where` uses the aliases al, r and a. */
export const ALERT_JOIN = `select al.*, r.name as rule_name, r.metric, r.aggregation, r.comparator, r.window_minutes, r.channel_ids, a.name as agent_name
  from alerts al join alert_rules r on r.id = al.rule_id ${joinAgents('a', 'al.agent_id')}`;

/** The advisory-lock key JobScheduler takes for the evaluation job (see JobLockService). */
const EVALUATION_LOCK = 'fw_job:' + EVALUATE_JOB;

export function recordFromRow(row: AlertJoinedRow): AlertRecord {
  return {
    id: row.id,
    ctx: contextFromRow(row),
    severity: row.severity,
    threshold: Number(row.threshold),
    state: {
      status: row.status,
      value: row.value === null ? null : Number(row.value),
      startedAt: new Date(row.started_at),
      firedAt: dateOrNull(row.fired_at),
      resolvedAt: dateOrNull(row.resolved_at),
      resolvedBy: row.resolved_by,
      falseSince: dateOrNull(row.false_since),
      lastNotifiedAt: dateOrNull(row.last_notified_at),
    },
    acknowledgedAt: dateOrNull(row.acknowledged_at),
    acknowledgedBy: row.acknowledged_by,
    note: row.note,
  };
}

async function loadRecords(sql: TxSql, where: string, params: unknown[], forUpdate = false): Promise<AlertRecord[]> {
  const rows = await sql.all<AlertJoinedRow>(`${ALERT_JOIN} where ${where} ${forUpdate ? 'for update of al' : ''}`, params);
  return rows.map(recordFromRow);
}

/**
 * Waits for the evaluation job's advisory lock in the caller's transaction, so a tick never
 * overwrites a change it did not see (and vice versa).
 */
export async function lockEvaluation(sql: TxSql): Promise<void> {
  await sql.run(`select pg_advisory_xact_lock(hashtext(?))`, [EVALUATION_LOCK]);
}

/** The alert, locked for the rest of the transaction, when the caller may see it. */
export async function lockVisibleRecord(sql: TxSql, id: string, principal: Principal): Promise<AlertRecord | undefined> {
  const params: unknown[] = [id];
  const owner = visibleTo(principal, 'al.owner_id', params);
  const [record] = await loadRecords(sql, `al.id = ?${owner ? ` and ${owner}` : ''}`, params, true);
  return record;
}

/** The rule's open alerts, locked for the rest of the transaction. */
export function lockOpenRecordsOfRule(sql: TxSql, ruleId: string): Promise<AlertRecord[]> {
  return loadRecords(sql, `al.rule_id = ? and al.status <> 'resolved'`, [ruleId], true);
}
