import { EntityRepository } from '@mikro-orm/postgresql';
import type { EvaluatorSlot } from '../entities/evaluator-slot.entity';

/**
 * The tick claims its slot with one conditional update on its own counted connection
 * (evaluator-slot.sql.ts), so this repository only serves reads of the row.
 */
export class EvaluatorSlotRepository extends EntityRepository<EvaluatorSlot> {}
