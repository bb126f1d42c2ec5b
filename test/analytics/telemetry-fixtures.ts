import { randomUUID } from 'node:crypto';
import type { Client } from 'pg';

export interface ToolCallFixture {
  agentId: string;
  tool: string;
  durationMs: number;
  status?: 'success' | 'error';
  errorType?: string | null;
  ts: string | Date;
}

export interface LlmCallFixture {
  agentId: string;
  model?: string;
  inputTokens?: number;
  outputTokens?: number;
  latencyMs: number;
  status?: 'success' | 'error';
  costUsd?: number;
  ts: string | Date;
}

export interface SampleFixture {
  agentId: string;
  type: string;
  value: number;
  ts: string | Date;
  metadata?: Record<string, unknown>;
}

const iso = (ts: string | Date) => new Date(ts).toISOString();

async function ensurePartitions(sql: Client, table: string, stamps: (string | Date)[]): Promise<void> {
  if (stamps.length === 0) return;
  const days = stamps.map((s) => iso(s).slice(0, 10)).sort();
  await sql.query(`select fw_ensure_daily_partitions($1::regclass, $2::date, $3::date)`, [table, days[0], days[days.length - 1]]);
}

/** Writes rows the way ingest does (one statement), with ids the test can read back. */
export async function insertToolCalls(sql: Client, rows: ToolCallFixture[]): Promise<string[]> {
  await ensurePartitions(sql, 'tool_calls', rows.map((r) => r.ts));
  const records = rows.map((r) => ({
    id: randomUUID(),
    agent_id: r.agentId,
    tool: r.tool,
    duration_ms: r.durationMs,
    status: r.status ?? 'success',
    error_type: r.errorType ?? null,
    trace_id: null,
    ts: iso(r.ts),
  }));
  await sql.query(
    `insert into tool_calls (id, agent_id, tool, duration_ms, status, error_type, trace_id, ts)
     select * from jsonb_to_recordset($1::jsonb) as r(id uuid, agent_id uuid, tool text, duration_ms float8, status text, error_type text, trace_id text, ts timestamptz)`,
    [JSON.stringify(records)],
  );
  return records.map((r) => r.id);
}

export async function insertLlmCalls(sql: Client, rows: LlmCallFixture[]): Promise<string[]> {
  await ensurePartitions(sql, 'llm_calls', rows.map((r) => r.ts));
  const records = rows.map((r) => ({
    id: randomUUID(),
    agent_id: r.agentId,
    model: r.model ?? 'gpt-4o',
    provider: 'openai',
    input_tokens: r.inputTokens ?? 100,
    output_tokens: r.outputTokens ?? 50,
    latency_ms: r.latencyMs,
    status: r.status ?? 'success',
    error_type: r.status === 'error' ? 'rate_limit' : null,
    cost_usd: r.costUsd ?? 0.001,
    rate_source: 'model',
    trace_id: null,
    ts: iso(r.ts),
  }));
  await sql.query(
    `insert into llm_calls (id, agent_id, model, provider, input_tokens, output_tokens, latency_ms, status, error_type, cost_usd, rate_source, trace_id, ts)
     select * from jsonb_to_recordset($1::jsonb) as r(id uuid, agent_id uuid, model text, provider text, input_tokens int, output_tokens int,
       latency_ms float8, status text, error_type text, cost_usd numeric, rate_source text, trace_id text, ts timestamptz)`,
    [JSON.stringify(records)],
  );
  return records.map((r) => r.id);
}

export async function insertSamples(sql: Client, rows: SampleFixture[]): Promise<string[]> {
  await ensurePartitions(sql, 'metric_samples', rows.map((r) => r.ts));
  const records = rows.map((r) => ({ id: randomUUID(), agent_id: r.agentId, type: r.type, value: r.value, metadata: r.metadata ?? null, ts: iso(r.ts) }));
  await sql.query(
    `insert into metric_samples (id, agent_id, type, value, metadata, ts)
     select * from jsonb_to_recordset($1::jsonb) as r(id uuid, agent_id uuid, type text, value float8, metadata jsonb, ts timestamptz)`,
    [JSON.stringify(records)],
  );
  return records.map((r) => r.id);
}

/** Linear-interpolation percentile (the definition percentile_cont uses), computed independently of PostgreSQL. */
export function interpolatedPercentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  const position = q * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.ceil(position);
  return sorted[lower] + (sorted[upper] - sorted[lower]) * (position - lower);
}

/** Nearest-rank percentile: the value of rank ceil(q·n), the definition the rollup histograms approximate. */
export function nearestRankPercentile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

/** A deterministic pseudo-random sequence, so the data set is the same on every run. */
export function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}
