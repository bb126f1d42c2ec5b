import { TxSql } from './tx.sql';

/** Claims evaluation slot `slot` unless this or a later one was already evaluated; true when claimed. */
export async function claimEvaluationSlot(sql: TxSql, slot: number): Promise<boolean> {
  const claimed = await sql.all(`update alert_evaluator set last_slot = ? where id = 1 and last_slot < ? returning last_slot`, [slot, slot]);
  return claimed.length > 0;
}
