import { BigIntType, Entity, EntityRepositoryType, PrimaryKey, Property } from '@mikro-orm/core';
import { EvaluatorSlotRepository } from '../repositories/evaluator-slot.repository';

/** The single row (id 1) holding the last evaluation slot any replica evaluated. */
@Entity({ tableName: 'alert_evaluator', repository: () => EvaluatorSlotRepository })
export class EvaluatorSlot {
  [EntityRepositoryType]?: EvaluatorSlotRepository;

  @PrimaryKey({ type: 'smallint', autoincrement: false })
  id!: number;

  /** floor(epoch ms / evaluation interval ms); far below 2^53, so a JS number holds it exactly. */
  @Property({ type: new BigIntType('number') })
  lastSlot!: number;
}
