import { Injectable } from '@nestjs/common';
import { ActivityEntry, ActivityLogService } from '@fleetwatch/agents';
import { AppConfig } from '@fleetwatch/config';
import { MINUTE_MS, newId, SECOND_MS } from '@fleetwatch/common';
import { buildBody, channelTakes } from '../notify/payloads';
import {
  activeSilences,
  AlertUpsertRow,
  DeliveryInsertRow,
  enabledChannels,
  HistoryInsertRow,
  insertDeliveries,
  insertHistory,
  upsertAlerts,
} from '../repositories/transition.sql';
import { TxSql } from '../repositories/tx.sql';
import { AlertRecord, TransitionBatch } from './alert-record';
import { silenced } from './silence-match';

/**
 * Writes a batch of transitions in the caller's transaction with one statement per table: alert
 * rows (insert or update), history, outbox rows (`suppressed` when a silence matches; the state
 * change is recorded either way) and activity-log entries.
 */
@Injectable()
export class TransitionWriter {
  /** Past the next repeat notification by two evaluation intervals; undefined when repeats are off. */
  private readonly firingHoldMs?: number;

  constructor(
    private readonly activity: ActivityLogService,
    config: AppConfig,
  ) {
    const { repeatIntervalMinutes, evalIntervalSeconds } = config.alerts;
    this.firingHoldMs = repeatIntervalMinutes > 0 ? repeatIntervalMinutes * MINUTE_MS + 2 * evalIntervalSeconds * SECOND_MS : undefined;
  }

  /** `phases`, when given, receives the milliseconds each table took (for the benchmark). */
  async write(sql: TxSql, batch: TransitionBatch, now: Date, phases?: Record<string, number>): Promise<void> {
    let t0 = performance.now();
    const lap = (name: string): void => {
      if (phases) phases[name] = performance.now() - t0;
      t0 = performance.now();
    };
    if (batch.upserts.length > 0) await this.upsertAlerts(sql, batch.upserts);
    lap('alerts');
    if (batch.history.length > 0) {
      const rows = batch.history.map((h): HistoryInsertRow => ({
        alert_id: h.record.id,
        from_status: h.from,
        to_status: h.to,
        value: h.record.state.value,
        actor: h.actor,
        note: h.note,
        at: h.at.toISOString(),
      }));
      await insertHistory(sql, rows);
      lap('history');
      sql.queries++;
      // The activity feed shows what people act on: firing, acknowledged, resolved after firing.
      // Pending starts (and pending alerts that lapse) stay in alert_history only.
      const shown = batch.history.filter((h) => h.to === 'firing' || h.to === 'acknowledged' || (h.to === 'resolved' && h.from !== 'pending'));
      await this.activity.append(
        shown.map((h) => this.activityEntry(h.record, h.from, h.to, h.actor, h.note, h.at)),
        sql.em,
      );
      lap('activity');
    }
    if (batch.notifications.length > 0) await this.enqueue(sql, batch, now);
    lap('outbox');
  }

  private async upsertAlerts(sql: TxSql, records: AlertRecord[]): Promise<void> {
    const rows = records.map((r): AlertUpsertRow => ({
      id: r.id,
      rule_id: r.ctx.ruleId,
      agent_id: r.ctx.agentId,
      owner_id: r.ctx.ownerId,
      status: r.state.status,
      severity: r.severity,
      value: r.state.value,
      threshold: r.threshold,
      started_at: r.state.startedAt.toISOString(),
      fired_at: r.state.firedAt?.toISOString() ?? null,
      acknowledged_at: r.acknowledgedAt?.toISOString() ?? null,
      acknowledged_by: r.acknowledgedBy,
      resolved_at: r.state.resolvedAt?.toISOString() ?? null,
      resolved_by: r.state.resolvedBy,
      note: r.note,
      false_since: r.state.falseSince?.toISOString() ?? null,
      last_notified_at: r.state.lastNotifiedAt?.toISOString() ?? null,
    }));
    await upsertAlerts(sql, rows);
  }

  private async enqueue(sql: TxSql, batch: TransitionBatch, now: Date): Promise<void> {
    const channelIds = [...new Set(batch.notifications.flatMap((n) => n.record.ctx.channelIds))];
    if (channelIds.length === 0) return;
    const channels = await enabledChannels(sql, channelIds);
    if (channels.length === 0) return;
    const byId = new Map(channels.map((c) => [c.id, c]));
    const active = await activeSilences(sql, now);
    const rows: DeliveryInsertRow[] = [];
    for (const n of batch.notifications) {
      const muted = silenced(n.record, active);
      for (const channelId of n.record.ctx.channelIds) {
        const channel = byId.get(channelId);
        if (!channel || !channelTakes(channel.type, n.event)) continue;
        const id = newId();
        rows.push({
          id,
          owner_id: n.record.ctx.ownerId,
          alert_id: n.record.id,
          channel_id: channel.id,
          event: n.event,
          body: buildBody(channel.type, { deliveryId: id, event: n.event, record: n.record, repeat: n.repeat, now, firingHoldMs: this.firingHoldMs }),
          status: muted ? 'suppressed' : 'pending',
          next_attempt_at: now.toISOString(),
          created_at: now.toISOString(),
        });
      }
    }
    if (rows.length === 0) return;
    await insertDeliveries(sql, rows);
  }

  private activityEntry(record: AlertRecord, from: string | null, to: string, actor: string, note: string | null, at: Date): ActivityEntry {
    return {
      ownerId: record.ctx.ownerId,
      agentId: record.ctx.agentId,
      type: `alert_${to}`,
      message: `Alert "${record.ctx.ruleName}" ${to} for agent "${record.ctx.agentName}"`,
      metadata: {
        alertId: record.id,
        ruleId: record.ctx.ruleId,
        agentId: record.ctx.agentId,
        severity: record.severity,
        from,
        to,
        value: record.state.value,
        threshold: record.threshold,
        note,
      },
      actor,
      ts: at,
    };
  }
}
