import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';
import { insertRows, withDefaults } from './insert-rows.sql';

/*
 * Raw telemetry rows as an ingest path would have left them. Omitted NOT NULL columns get a
 * neutral default; omitted nullable columns are null. Each factory returns the ids in row order.
 */

type Stamp = string | Date;

export interface SampleRow {
  id?: string;
  agentId: string;
  type: string;
  value: number;
  metadata?: object | null;
  ts: Stamp;
}

export interface LlmCallRow {
  id?: string;
  agentId: string;
  model?: string | null;
  provider?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
  status?: 'success' | 'error';
  errorType?: string | null;
  costUsd?: number;
  rateSource?: 'model' | 'fallback' | 'client';
  /** Which model price applied (rate source 'model'). */
  priceSource?: 'owner' | 'admin' | 'catalogue' | null;
  priceVersion?: string | null;
  responseModel?: string | null;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
  cacheCreation5mInputTokens?: number;
  cacheCreation1hInputTokens?: number;
  reasoningOutputTokens?: number;
  audioInputTokens?: number;
  audioOutputTokens?: number;
  imageInputTokens?: number;
  ttftMs?: number | null;
  traceId?: string | null;
  runId?: string | null;
  conversationId?: string | null;
  spanId?: string | null;
  parentSpanId?: string | null;
  ts: Stamp;
}

export interface ToolCallRow {
  id?: string;
  agentId: string;
  tool: string;
  durationMs: number;
  status?: 'success' | 'error';
  errorType?: string | null;
  traceId?: string | null;
  runId?: string | null;
  conversationId?: string | null;
  spanId?: string | null;
  parentSpanId?: string | null;
  ts: Stamp;
}

export interface EventRow {
  id?: string;
  ownerId: string;
  agentId?: string | null;
  type: string;
  message: string;
  metadata?: object;
  actor?: string;
  ts: Stamp;
}

export interface ApiRequestRow {
  id?: string;
  userId?: string | null;
  method: string;
  route: string;
  status: number;
  durationMs: number;
  ts: Stamp;
}

export function insertSamples(sql: Client, rows: SampleRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'metric_samples',
    rows.map((r) => withDefaults({ id: randomUUID(), metadata: null }, r)),
  );
}

export function insertLlmCalls(sql: Client, rows: LlmCallRow[]): Promise<string[]> {
  const defaults = { inputTokens: 0, outputTokens: 0, latencyMs: 100, status: 'success', costUsd: 0, rateSource: 'client' };
  return insertRows(
    sql,
    'llm_calls',
    rows.map((r) => withDefaults({ id: randomUUID(), model: null, provider: null, errorType: null, traceId: null, ...defaults }, r)),
  );
}

export function insertToolCalls(sql: Client, rows: ToolCallRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'tool_calls',
    rows.map((r) => withDefaults({ id: randomUUID(), status: 'success', errorType: null, traceId: null }, r)),
  );
}

/** Activity-log rows; metadata and actor default as the table does ({} and 'system'). */
export function insertEvents(sql: Client, rows: EventRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'events',
    rows.map((r) => withDefaults({ id: randomUUID(), agentId: null, metadata: {}, actor: 'system' }, r)),
  );
}

/** The service's own request timings, as the request recorder batches them. */
export function insertApiRequests(sql: Client, rows: ApiRequestRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'api_requests',
    rows.map((r) => withDefaults({ id: randomUUID(), userId: null }, r)),
  );
}
