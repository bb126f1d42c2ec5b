import type { Client } from 'pg';

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
}

/** Writes LLM calls as ingest would have stored them, with explicit cost and rate source. */
export async function insertLlmCalls(sql: Client, rows: LlmCallRow[]): Promise<string[]> {
  const ids: string[] = [];
  for (const r of rows) {
    const result = await sql.query(
      `insert into llm_calls (id, agent_id, model, provider, input_tokens, output_tokens, latency_ms, status, cost_usd, rate_source, ts)
       values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, $10) returning id`,
      [r.agentId, r.model ?? null, r.provider ?? null, r.inputTokens ?? 0, r.outputTokens ?? 0, r.latencyMs ?? 100, r.status ?? 'success', r.costUsd, r.rateSource, r.ts],
    );
    ids.push(result.rows[0].id as string);
  }
  return ids;
}

export async function ensureLlmPartitions(sql: Client, from: string, to: string): Promise<void> {
  await sql.query(`select fw_ensure_daily_partitions('llm_calls', $1::date, $2::date)`, [from, to]);
}
