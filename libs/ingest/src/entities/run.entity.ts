import { BigIntType, Entity, EntityRepositoryType, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';
import { RunRepository } from '../repositories/run.repository';

export const RUN_STATUSES = ['running', 'success', 'error'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/**
 * One execution of an agent's task. Its totals are accumulated by ingest from the calls that name
 * it, in the same transaction as the calls, so they outlive the raw calls' retention. Token sums
 * are bigint (a long run can pass 2^31) read as numbers (far below 2^53).
 */
@Entity({ tableName: 'runs', repository: () => RunRepository })
export class Run {
  [EntityRepositoryType]?: RunRepository;
  [PrimaryKeyProp]?: ['agentId', 'id'];

  @PrimaryKey({ type: 'uuid' })
  agentId!: string;

  /** The client's run id, or the root span's / trace's id from OTLP; unique within the agent. */
  @PrimaryKey({ type: 'text' })
  id!: string;

  /** Generated: addresses the run without its agent. */
  @Property({ type: 'uuid', unique: true })
  key!: string;

  @Property({ type: 'text', nullable: true })
  conversationId: string | null = null;

  @Property({ type: 'text', nullable: true })
  name: string | null = null;

  @Property({ type: 'text' })
  status!: RunStatus;

  /** False while only calls have named the run (a placeholder), true once the run itself was sent. */
  @Property({ type: 'boolean' })
  reported = false;

  @Property({ type: 'timestamptz' })
  startedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  endedAt: Date | null = null;

  @Property({ type: 'jsonb', nullable: true })
  metadata: Record<string, unknown> | null = null;

  @Property({ type: 'text', nullable: true })
  traceId: string | null = null;

  @Property({ type: 'text', nullable: true })
  spanId: string | null = null;

  @Property({ type: 'integer' })
  llmCalls = 0;

  @Property({ type: 'integer' })
  toolCalls = 0;

  /** LLM and tool calls with status error. */
  @Property({ type: 'integer' })
  errors = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  inputTokens = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  outputTokens = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  cacheReadInputTokens = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  cacheCreationInputTokens = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint', fieldName: 'cache_creation_5m_input_tokens' })
  cacheCreation5mInputTokens = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint', fieldName: 'cache_creation_1h_input_tokens' })
  cacheCreation1hInputTokens = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  reasoningOutputTokens = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  audioInputTokens = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  audioOutputTokens = 0;

  @Property({ type: new BigIntType('number'), columnType: 'bigint' })
  imageInputTokens = 0;

  /** Sum of the stored costs of its LLM calls (exact decimal string). */
  @Property({ type: 'decimal', columnType: 'numeric' })
  costUsd = '0';

  @Property({ type: 'timestamptz', nullable: true })
  firstCallAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  lastCallAt: Date | null = null;

  @Property({ type: 'timestamptz' })
  createdAt!: Date;

  @Property({ type: 'timestamptz' })
  updatedAt!: Date;
}
