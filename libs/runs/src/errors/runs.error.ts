import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum RunsErrorCode {
  RunNotFound = 'run_not_found',
}

const KIND: Record<RunsErrorCode, DomainErrorKind> = {
  [RunsErrorCode.RunNotFound]: 'not_found',
};

export class RunsError extends DomainError {
  declare readonly code: RunsErrorCode;

  constructor(code: RunsErrorCode, message: string) {
    super(KIND[code], code, message);
  }

  static runNotFound(id: string): RunsError {
    return new RunsError(RunsErrorCode.RunNotFound, `run ${id} not found`);
  }
}
