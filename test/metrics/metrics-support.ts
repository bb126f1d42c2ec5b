import type { Client } from 'pg';
import * as factories from '@fleetwatch/testing';
import type { PartitionedTable } from '@fleetwatch/testing';

/** Telemetry written straight into the raw tables, as any ingest path would leave it. */
export async function ensurePartitions(sql: Client, table: PartitionedTable, from: string, to: string): Promise<void> {
  await factories.ensureDailyPartitions(sql, table, from, to);
}

export async function insertSamples(sql: Client, agentId: string, samples: { type: string; value: number; ts: string; metadata?: object }[]): Promise<void> {
  await factories.insertSamples(
    sql,
    samples.map((s) => ({ agentId, type: s.type, value: s.value, metadata: s.metadata ?? null, ts: s.ts })),
  );
}

export interface LlmRow {
  model?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs: number;
  status?: 'success' | 'error';
  costUsd?: number;
  traceId?: string | null;
  ts: string;
}

export async function insertLlmCalls(sql: Client, agentId: string, calls: LlmRow[]): Promise<void> {
  await factories.insertLlmCalls(
    sql,
    calls.map((c) => ({
      agentId,
      model: c.model === undefined ? 'gpt-4o' : c.model,
      provider: 'openai',
      inputTokens: c.inputTokens ?? 0,
      outputTokens: c.outputTokens ?? 0,
      latencyMs: c.latencyMs,
      status: c.status ?? 'success',
      errorType: null,
      costUsd: c.costUsd ?? 0,
      rateSource: 'client',
      traceId: c.traceId ?? null,
      ts: c.ts,
    })),
  );
}

export async function insertToolCalls(
  sql: Client,
  agentId: string,
  calls: { tool?: string; durationMs: number; status?: 'success' | 'error'; errorType?: string; traceId?: string | null; ts: string }[],
): Promise<void> {
  await factories.insertToolCalls(
    sql,
    calls.map((c) => ({
      agentId,
      tool: c.tool ?? 'search',
      durationMs: c.durationMs,
      status: c.status ?? 'success',
      errorType: c.errorType ?? null,
      traceId: c.traceId ?? null,
      ts: c.ts,
    })),
  );
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
