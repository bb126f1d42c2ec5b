import type { Client } from 'pg';
import { ensureDailyPartitions, insertLlmCalls as insertLlmCallRows } from '@fleetwatch/testing';

export interface LlmCallRow {
  agentId: string;
  ts: string;
  model?: string | null;
  provider?: string | null;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs?: number;
  status?: 'success' | 'error';
  costUsd: number;
  rateSource: 'model' | 'fallback' | 'client';
  priceSource?: 'owner' | 'admin' | 'catalogue' | null;
}

/** Writes LLM calls as ingest would have stored them, with explicit cost and rate source. */
export function insertLlmCalls(sql: Client, rows: LlmCallRow[]): Promise<string[]> {
  return insertLlmCallRows(
    sql,
    rows.map((r) => ({
      ...r,
      model: r.model ?? null,
      provider: r.provider ?? null,
      inputTokens: r.inputTokens ?? 0,
      outputTokens: r.outputTokens ?? 0,
      latencyMs: r.latencyMs ?? 100,
      status: r.status ?? 'success',
    })),
  );
}

export async function ensureLlmPartitions(sql: Client, from: string, to: string): Promise<void> {
  await ensureDailyPartitions(sql, 'llm_calls', from, to);
}
