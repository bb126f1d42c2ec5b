import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '@fleetwatch/config';
import { Clock, MINUTE_MS, newId, SECOND_MS } from '@fleetwatch/common';
import { MetricKind } from '../alerts.constants';
import { claimEvaluationSlot } from '../repositories/evaluator-slot.sql';
import { enabledRuleIds, observe } from '../repositories/observation.sql';
import { TxSql } from '../repositories/tx.sql';
import { TransitionBatch } from './alert-record';
import { conditionOf, ObservationRow, observationOf, openStateOf, recordOf } from './observation-row';
import { decide } from './rule-state';
import { TransitionWriter } from './transition-writer.service';

export interface TickReport {
  /** false when this evaluation slot was already evaluated (by this or another replica). */
  evaluated: boolean;
  pairs: number;
  transitions: number;
  notifications: number;
  queries: number;
  /** Rules left unevaluated this tick because their own statement raised (logged; the others ran). */
  skippedRules: number;
  /** Milliseconds per phase: each metric kind's observation statement, the decisions, the writes. */
  phases: Record<string, number>;
}

const KINDS: MetricKind[] = ['samples', 'llm', 'tools', 'age', 'runs'];

/**
 * One evaluation tick: one statement per metric kind observes every (rule, agent) pair, the state
 * machine decides in memory, and the transitions are written in the tick's transaction. The job
 * lock keeps replicas from running ticks at the same time; the slot row keeps a second replica
 * from evaluating the same interval again right after the first.
 *
 * One tenant's data must never stop evaluation for all: each kind's statement runs in a savepoint,
 * and when it raises, that kind's rules are evaluated one rule at a time; a rule whose statement
 * still raises is logged and skipped for this tick, and every other rule is decided and written.
 */
@Injectable()
export class AlertEvaluator {
  private readonly logger = new Logger('AlertEvaluator');

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly writer: TransitionWriter,
  ) {}

  async tick(em: EntityManager): Promise<TickReport> {
    const sql = new TxSql(em);
    const now = this.clock.now();
    const intervalMs = this.config.alerts.evalIntervalSeconds * SECOND_MS;
    const slot = Math.floor(now.getTime() / intervalMs);
    if (!(await claimEvaluationSlot(sql, slot)))
      return { evaluated: false, pairs: 0, transitions: 0, notifications: 0, queries: sql.queries, skippedRules: 0, phases: {} };

    const repeatMs = this.config.alerts.repeatIntervalMinutes * MINUTE_MS;
    const batch = new TransitionBatch();
    const phases: Record<string, number> = { decide: 0 };
    let pairs = 0;
    let skippedRules = 0;
    for (const kind of KINDS) {
      let t0 = performance.now();
      const { rows, skipped } = await this.observe(sql, kind, now);
      skippedRules += skipped;
      phases[kind] = performance.now() - t0;
      t0 = performance.now();
      pairs += rows.length;
      for (const row of rows) {
        const open = openStateOf(row);
        const decision = decide(conditionOf(row), open, observationOf(row), now, repeatMs);
        if (!decision.next || !decision.changed) continue;
        const record = recordOf(row, row.alert_id ?? newId(), decision.next);
        batch.upserts.push(record);
        for (const step of decision.steps) batch.history.push({ record, from: step.from, to: step.to, actor: 'system', note: null, at: now });
        if (decision.notify) batch.notifications.push({ record, event: decision.notify, repeat: decision.repeat });
      }
      phases.decide += performance.now() - t0;
    }
    const write: Record<string, number> = {};
    await this.writer.write(sql, batch, now, write);
    for (const [name, ms] of Object.entries(write)) phases[`write ${name}`] = ms;
    return { evaluated: true, pairs, transitions: batch.transitions, notifications: batch.notifications.length, queries: sql.queries, skippedRules, phases };
  }

  /** The kind's observation rows: one statement, or rule by rule when that statement raised. */
  private async observe(sql: TxSql, kind: MetricKind, now: Date): Promise<{ rows: ObservationRow[]; skipped: number }> {
    const all = await sql.attempt(() => observe(sql, kind, now));
    if (all.ok) return { rows: all.value, skipped: 0 };
    this.logger.warn(`evaluation of ${kind} rules failed (${all.error.message}); evaluating them one rule at a time`);
    const rows: ObservationRow[] = [];
    let skipped = 0;
    for (const id of await enabledRuleIds(sql, kind)) {
      const one = await sql.attempt(() => observe(sql, kind, now, id));
      if (one.ok) {
        rows.push(...one.value);
        continue;
      }
      skipped++;
      this.logger.error(`alert rule ${id} skipped this tick: ${one.error.message}`);
    }
    return { rows, skipped };
  }
}
