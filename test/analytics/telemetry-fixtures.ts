import type { Client } from 'pg';
import * as factories from '@fleetwatch/testing';

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

/** Tool calls as ingest stores them, with ids the test can read back. */
export function insertToolCalls(sql: Client, rows: ToolCallFixture[]): Promise<string[]> {
  return factories.insertToolCalls(
    sql,
    rows.map((r) => ({ ...r, status: r.status ?? 'success', errorType: r.errorType ?? null, traceId: null })),
  );
}

/** LLM calls priced by the model table; an error is a rate limit. */
export function insertLlmCalls(sql: Client, rows: LlmCallFixture[]): Promise<string[]> {
  return factories.insertLlmCalls(
    sql,
    rows.map((r) => ({
      agentId: r.agentId,
      model: r.model ?? 'gpt-4o',
      provider: 'openai',
      inputTokens: r.inputTokens ?? 100,
      outputTokens: r.outputTokens ?? 50,
      latencyMs: r.latencyMs,
      status: r.status ?? 'success',
      errorType: r.status === 'error' ? 'rate_limit' : null,
      costUsd: r.costUsd ?? 0.001,
      rateSource: 'model',
      traceId: null,
      ts: r.ts,
    })),
  );
}

export function insertSamples(sql: Client, rows: SampleFixture[]): Promise<string[]> {
  return factories.insertSamples(
    sql,
    rows.map((r) => ({ ...r, metadata: r.metadata ?? null })),
  );
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
