import { EntityManager, Knex } from '@mikro-orm/postgresql';

export type CappedKind = 'rules' | 'channels' | 'silences';

const COUNT_SQL: Record<CappedKind, string> = {
  rules: `select count(*)::int as n from alert_rules where owner_id = ?`,
  channels: `select count(*)::int as n from alert_channels where owner_id = ?`,
  // Expired silences stay for the record; only those not yet over count.
  silences: `select count(*)::int as n from alert_silences where owner_id = ? and ends_at > ?`,
};

/**
 * How many `kind` rows the owner has, with that owner's creations of that kind serialized until
 * the transaction ends (advisory lock): concurrent creations cannot all see room under the cap.
 * The count is a statement after the lock, so under READ COMMITTED it sees every committed insert.
 */
export async function lockedOwnedCount(tx: EntityManager, kind: CappedKind, ownerId: string, now: Date): Promise<number> {
  const connection = tx.getConnection();
  const ctx = tx.getTransactionContext<Knex.Transaction>();
  await connection.execute(`select pg_advisory_xact_lock(hashtext(?))`, [`fw_cap:${kind}:${ownerId}`], 'all', ctx);
  const params = kind === 'silences' ? [ownerId, now] : [ownerId];
  const [row] = await connection.execute<{ n: number }[]>(COUNT_SQL[kind], params, 'all', ctx);
  return row.n;
}
