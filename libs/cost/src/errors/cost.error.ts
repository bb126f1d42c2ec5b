import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum CostErrorCode {
  InvalidPeriod = 'invalid_period',
  BudgetNotFound = 'budget_not_found',
  InvalidModel = 'invalid_model',
}

const KIND: Record<CostErrorCode, DomainErrorKind> = {
  [CostErrorCode.InvalidPeriod]: 'bad_request',
  [CostErrorCode.BudgetNotFound]: 'not_found',
  [CostErrorCode.InvalidModel]: 'bad_request',
};

export class CostError extends DomainError {
  constructor(code: CostErrorCode, message: string) {
    super(KIND[code], code, message);
  }

  static invalidPeriod(message: string): CostError {
    return new CostError(CostErrorCode.InvalidPeriod, message);
  }

  static invalidModel(message: string): CostError {
    return new CostError(CostErrorCode.InvalidModel, message);
  }

  static budgetNotFound(agentId: string): CostError {
    return new CostError(CostErrorCode.BudgetNotFound, `agent ${agentId} has no budget`);
  }
}
