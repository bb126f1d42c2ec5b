import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum CostErrorCode {
  InvalidPeriod = 'invalid_period',
  BudgetNotFound = 'budget_not_found',
  InvalidModel = 'invalid_model',
  InvalidPrice = 'invalid_price',
  OwnerPriceNotFound = 'owner_price_not_found',
}

const KIND: Record<CostErrorCode, DomainErrorKind> = {
  [CostErrorCode.InvalidPeriod]: 'bad_request',
  [CostErrorCode.BudgetNotFound]: 'not_found',
  [CostErrorCode.InvalidModel]: 'bad_request',
  [CostErrorCode.InvalidPrice]: 'bad_request',
  [CostErrorCode.OwnerPriceNotFound]: 'not_found',
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

  static invalidPrice(message: string): CostError {
    return new CostError(CostErrorCode.InvalidPrice, message);
  }

  static ownerPriceNotFound(model: string): CostError {
    return new CostError(CostErrorCode.OwnerPriceNotFound, `you have no price for model ${model}`);
  }

  static budgetNotFound(agentId: string): CostError {
    return new CostError(CostErrorCode.BudgetNotFound, `agent ${agentId} has no budget`);
  }
}
