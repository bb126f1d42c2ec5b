import type { Client } from 'pg';
import { randomUUID } from 'node:crypto';

/** Telemetry written straight into the raw tables, as any ingest path would leave it. */
export async function ensurePartitions(sql: Client, table: string, from: string, to: string): Promise<void> {
  await sql.query(`select fw_ensure_daily_partitions($1::regclass, $2::date, $3::date)`, [table, from, to]);
}

export async function insertSamples(sql: Client, agentId: string, samples: { type: string; value: number; ts: string; metadata?: object }[]): Promise<void> {
  const days = samples.map((s) => s.ts.slice(0, 10)).sort();
  await ensurePartitions(sql, 'metric_samples', days[0], days[days.length - 1]);
  await sql.query(
    `insert into metric_samples (id, agent_id, type, value, metadata, ts)
     select gen_random_uuid(), $1, r.type, r.value, r.metadata, r.ts from jsonb_to_recordset($2::jsonb) as r(type text, value float8, metadata jsonb, ts timestamptz)`,
    [agentId, JSON.stringify(samples.map((s) => ({ ...s, metadata: s.metadata ?? null })))],
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
  const days = calls.map((c) => c.ts.slice(0, 10)).sort();
  await ensurePartitions(sql, 'llm_calls', days[0], days[days.length - 1]);
  const rows = calls.map((c) => ({
    id: randomUUID(),
    model: c.model === undefined ? 'gpt-4o' : c.model,
    input_tokens: c.inputTokens ?? 0,
    output_tokens: c.outputTokens ?? 0,
    latency_ms: c.latencyMs,
    status: c.status ?? 'success',
    cost_usd: c.costUsd ?? 0,
    trace_id: c.traceId ?? null,
    ts: c.ts,
  }));
  await sql.query(
    `insert into llm_calls (id, agent_id, model, provider, input_tokens, output_tokens, latency_ms, status, error_type, cost_usd, rate_source, trace_id, ts)
     select r.id, $1, r.model, 'openai', r.input_tokens, r.output_tokens, r.latency_ms, r.status, null, r.cost_usd, 'client', r.trace_id, r.ts
     from jsonb_to_recordset($2::jsonb) as r(id uuid, model text, input_tokens int, output_tokens int, latency_ms float8, status text, cost_usd numeric, trace_id text, ts timestamptz)`,
    [agentId, JSON.stringify(rows)],
  );
}

export async function insertToolCalls(
  sql: Client,
  agentId: string,
  calls: { tool?: string; durationMs: number; status?: 'success' | 'error'; errorType?: string; traceId?: string | null; ts: string }[],
): Promise<void> {
  const days = calls.map((c) => c.ts.slice(0, 10)).sort();
  await ensurePartitions(sql, 'tool_calls', days[0], days[days.length - 1]);
  const rows = calls.map((c) => ({
    id: randomUUID(), tool: c.tool ?? 'search', duration_ms: c.durationMs, status: c.status ?? 'success',
    error_type: c.errorType ?? null, trace_id: c.traceId ?? null, ts: c.ts,
  }));
  await sql.query(
    `insert into tool_calls (id, agent_id, tool, duration_ms, status, error_type, trace_id, ts)
     select r.id, $1, r.tool, r.duration_ms, r.status, r.error_type, r.trace_id, r.ts
     from jsonb_to_recordset($2::jsonb) as r(id uuid, tool text, duration_ms float8, status text, error_type text, trace_id text, ts timestamptz)`,
    [agentId, JSON.stringify(rows)],
  );
}

export function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
