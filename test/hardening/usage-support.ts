import type { Client } from 'pg';
import { insertLlmCalls, LlmCallRow } from '@fleetwatch/testing';

export const SNAPSHOT = 'claude-sonnet-4-5-20250929';

/** A call with every token type named (the factory stores a column that some rows omit as null). */
export const call = (r: LlmCallRow): LlmCallRow => ({
  cacheReadInputTokens: 0,
  cacheCreationInputTokens: 0,
  cacheCreation5mInputTokens: 0,
  cacheCreation1hInputTokens: 0,
  reasoningOutputTokens: 0,
  audioInputTokens: 0,
  audioOutputTokens: 0,
  imageInputTokens: 0,
  responseModel: null,
  priceSource: null,
  priceVersion: null,
  provider: null,
  ...r,
});

/** Two calls of 2026-11-20: a cache-reading claude call priced from the catalogue, and an unpriced one. */
export function insertRecent(sql: Client, agentId: string): Promise<string[]> {
  return insertLlmCalls(sql, [
    call({
      agentId,
      ts: '2026-11-20T10:00:00Z',
      model: 'claude-sonnet-4-5',
      responseModel: SNAPSHOT,
      provider: 'anthropic',
      inputTokens: 500,
      cacheReadInputTokens: 400,
      outputTokens: 20,
      reasoningOutputTokens: 5,
      costUsd: 0.004,
      rateSource: 'model',
      priceSource: 'catalogue',
      priceVersion: '0.1.8',
      traceId: 'tr-typed',
    }),
    call({
      agentId,
      ts: '2026-11-20T11:00:00Z',
      model: 'mystery-model',
      inputTokens: 100,
      outputTokens: 10,
      costUsd: 0.0002,
      rateSource: 'fallback',
    }),
  ]);
}
