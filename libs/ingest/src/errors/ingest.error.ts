import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum IngestErrorCode {
  InvalidBatch = 'invalid_batch',
  TooManyItems = 'too_many_items',
  UnknownAgent = 'unknown_agent',
  InvalidIdempotencyKey = 'invalid_idempotency_key',
  IdempotencyKeyReused = 'idempotency_key_reused',
  IdempotencyKeyInFlight = 'idempotency_key_in_flight',
  KeyBoundToOtherAgent = 'key_bound_to_other_agent',
  AgentsChanged = 'agents_changed',
}

const KIND: Record<IngestErrorCode, DomainErrorKind> = {
  [IngestErrorCode.InvalidBatch]: 'bad_request',
  [IngestErrorCode.TooManyItems]: 'payload_too_large',
  [IngestErrorCode.UnknownAgent]: 'not_found',
  [IngestErrorCode.InvalidIdempotencyKey]: 'bad_request',
  [IngestErrorCode.IdempotencyKeyReused]: 'unprocessable',
  [IngestErrorCode.IdempotencyKeyInFlight]: 'conflict',
  [IngestErrorCode.KeyBoundToOtherAgent]: 'forbidden',
  [IngestErrorCode.AgentsChanged]: 'conflict',
};

/** At most this many problems are listed in one 400 answer. */
const MAX_LISTED = 20;

export class IngestError extends DomainError {
  declare readonly code: IngestErrorCode;

  constructor(code: IngestErrorCode, message: string) {
    super(KIND[code], code, message);
  }

  static invalid(problems: string[]): IngestError {
    const listed = problems.slice(0, MAX_LISTED).join('; ');
    const more = problems.length > MAX_LISTED ? `; and ${problems.length - MAX_LISTED} more` : '';
    return new IngestError(IngestErrorCode.InvalidBatch, listed + more);
  }

  static tooManyItems(count: number, max: number): IngestError {
    return new IngestError(IngestErrorCode.TooManyItems, `too many items: ${count} (at most ${max} per request)`);
  }

  static boundToOtherAgent(boundAgentId: string, path: string): IngestError {
    return new IngestError(IngestErrorCode.KeyBoundToOtherAgent, `this API key is bound to agent ${boundAgentId} (${path} names another)`);
  }

  static agentsChanged(agentId: string, path: string): IngestError {
    return new IngestError(
      IngestErrorCode.AgentsChanged,
      `agent ${agentId} (${path}) changed owner while the batch was stored; nothing was stored, send it again`,
    );
  }

  static unknownAgent(agentId: string, path: string): IngestError {
    return new IngestError(IngestErrorCode.UnknownAgent, `agent ${agentId} not found (${path})`);
  }
}
