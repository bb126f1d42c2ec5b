import type { Client } from 'pg';
import { insertRows, withDefaults } from './insert-rows.sql';

/*
 * Hourly rollup rows as the rollup job would have written them, for hours whose raw rows are
 * gone (past retention) or never existed; `hist` maps histogram bucket to count.
 */

type Stamp = string | Date;

export interface SampleRollupRow {
  agentId: string;
  type: string;
  hour: Stamp;
  count: number;
  sum: number;
  min: number;
  max: number;
  hist?: Record<string, number>;
}

export interface LlmRollupRow {
  agentId: string;
  model: string;
  hour: Stamp;
  count: number;
  errors?: number;
  inputTokens?: number;
  outputTokens?: number;
  costUsd?: number;
  latencySum?: number;
  latencyMin?: number;
  latencyMax?: number;
  latencyHist?: Record<string, number>;
}

export interface RollupDirtyRow {
  kind: 'samples' | 'llm' | 'tool';
  agentId: string;
  hour: Stamp;
}

export function insertSampleRollups(sql: Client, rows: SampleRollupRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'rollup_samples_hourly',
    rows.map((r) => withDefaults({ hist: {} }, r)),
    'agent_id',
  );
}

export function insertLlmRollups(sql: Client, rows: LlmRollupRow[]): Promise<string[]> {
  const defaults = { errors: 0, inputTokens: 0, outputTokens: 0, costUsd: 0, latencySum: 0, latencyMin: 0, latencyMax: 0, latencyHist: {} };
  return insertRows(
    sql,
    'rollup_llm_hourly',
    rows.map((r) => withDefaults(defaults, r)),
    'agent_id',
  );
}

/** Hours marked for the rollup job to recompute, duplicates included when a test wants them. */
export function insertRollupDirty(sql: Client, rows: RollupDirtyRow[]): Promise<string[]> {
  return insertRows(
    sql,
    'rollup_dirty',
    rows.map((r) => withDefaults({}, r)),
    'agent_id',
  );
}
