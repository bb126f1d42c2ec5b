import { EntityRepository } from '@mikro-orm/postgresql';
import type { AlertHistory } from '../entities/alert-history.entity';

/** History is appended set-based by the transition writer (transition.sql.ts); read here. */
export class AlertHistoryRepository extends EntityRepository<AlertHistory> {
  /** Oldest first; the identity column orders entries written at the same instant. */
  ofAlert(alertId: string): Promise<AlertHistory[]> {
    return this.find({ alertId }, { orderBy: { at: 'asc', id: 'asc' } });
  }
}
