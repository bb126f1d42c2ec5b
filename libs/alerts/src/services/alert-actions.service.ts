import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '@fleetwatch/common';
import { AlertRecord, toAlertDto, TransitionBatch } from '../evaluation/alert-record';
import { TransitionWriter } from '../evaluation/transition-writer.service';
import { AlertResponseDto } from '../dto/alert.dto';
import { AlertsError, AlertsErrorCode } from '../errors/alerts.error';
import { lockEvaluation, lockOpenRecordsOfRule, lockVisibleRecord } from '../repositories/alert-join.sql';
import { TxSql } from '../repositories/tx.sql';

/**
 * Changes people make to alerts. Each runs in a transaction that first waits for the evaluation
 * job's advisory lock, so a tick never overwrites a change it did not see (and vice versa).
 */
@Injectable()
export class AlertActionsService {
  constructor(
    private readonly em: EntityManager,
    private readonly clock: Clock,
    private readonly writer: TransitionWriter,
  ) {}

  /** firing → acknowledged: stays open, notifies `alert.acknowledged` once, stops repeats. */
  acknowledge(principal: Principal, id: string, note: string | undefined): Promise<AlertResponseDto> {
    return this.change(principal, id, (record, now, batch) => {
      if (record.state.status !== 'firing') throw this.illegal(record, 'acknowledged', 'only a firing alert can be acknowledged');
      record.acknowledgedAt = now;
      record.acknowledgedBy = principal.userId;
      if (note !== undefined) record.note = note;
      record.state = { ...record.state, status: 'acknowledged' };
      batch.history.push({ record, from: 'firing', to: 'acknowledged', actor: principal.userId, note: note ?? null, at: now });
      batch.notifications.push({ record, event: 'alert.acknowledged', repeat: false });
    });
  }

  /**
   * Closes an open alert by hand. A fired alert notifies `alert.resolved`; a pending one does not.
   * When the condition still holds, the next tick finds no open alert and starts a new pending one.
   */
  resolve(principal: Principal, id: string, note: string | undefined): Promise<AlertResponseDto> {
    return this.change(principal, id, (record, now, batch) => {
      if (record.state.status === 'resolved') throw this.illegal(record, 'resolved', 'the alert is already resolved');
      this.close(record, now, principal.userId, note ?? null, batch);
    });
  }

  /** Resolves every open alert of a rule (disabled, retargeted or deleted), in the caller's transaction. */
  async resolveOpenOfRule(tx: EntityManager, ruleId: string, actor: string, note: string): Promise<void> {
    const sql = new TxSql(tx);
    await lockEvaluation(sql);
    const now = this.clock.now();
    const batch = new TransitionBatch();
    for (const record of await lockOpenRecordsOfRule(sql, ruleId)) this.close(record, now, actor, note, batch);
    await this.writer.write(sql, batch, now);
  }

  private close(record: AlertRecord, now: Date, actor: string, note: string | null, batch: TransitionBatch): void {
    const from = record.state.status;
    if (note !== null) record.note = note;
    record.state = { ...record.state, status: 'resolved', resolvedAt: now, resolvedBy: actor };
    batch.upserts.push(record);
    batch.history.push({ record, from, to: 'resolved', actor, note, at: now });
    if (from !== 'pending') batch.notifications.push({ record, event: 'alert.resolved', repeat: false });
  }

  private async change(principal: Principal, id: string, apply: (record: AlertRecord, now: Date, batch: TransitionBatch) => void): Promise<AlertResponseDto> {
    return this.em.transactional(async (tx) => {
      const sql = new TxSql(tx);
      await lockEvaluation(sql);
      const record = await lockVisibleRecord(sql, id, principal);
      if (!record) throw AlertsError.notFound(AlertsErrorCode.AlertNotFound, 'alert', id);
      const now = this.clock.now();
      const batch = new TransitionBatch();
      apply(record, now, batch);
      if (!batch.upserts.includes(record)) batch.upserts.push(record);
      await this.writer.write(sql, batch, now);
      return toAlertDto(record);
    });
  }

  private illegal(record: AlertRecord, to: string, why: string): AlertsError {
    return new AlertsError(AlertsErrorCode.IllegalTransition, `cannot move alert ${record.id} from ${record.state.status} to ${to}: ${why}`);
  }
}
