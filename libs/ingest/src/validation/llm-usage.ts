import { UsagePartitionError, validateUsage, type TokenUsage } from '@fleetwatch/cost';
import type { LlmCallItem, LlmUsageByType } from './ingest-batch';

type Raw = Record<string, unknown>;

const count = (value: unknown): number => (typeof value === 'number' ? value : 0);

/**
 * The token types an item reported (absent → 0). A 5m / 1h split sent without its total makes
 * the total: the split is then the whole of the cache writes. One literal, so every item has the
 * same shape (this runs for each call of a batch).
 */
export function usageByType(item: Raw): Required<LlmUsageByType> {
  const cacheCreation5mInputTokens = count(item.cacheCreation5mInputTokens);
  const cacheCreation1hInputTokens = count(item.cacheCreation1hInputTokens);
  return {
    cacheReadInputTokens: count(item.cacheReadInputTokens),
    cacheCreationInputTokens:
      item.cacheCreationInputTokens === undefined ? cacheCreation5mInputTokens + cacheCreation1hInputTokens : count(item.cacheCreationInputTokens),
    cacheCreation5mInputTokens,
    cacheCreation1hInputTokens,
    reasoningOutputTokens: count(item.reasoningOutputTokens),
    audioInputTokens: count(item.audioInputTokens),
    audioOutputTokens: count(item.audioOutputTokens),
    imageInputTokens: count(item.imageInputTokens),
  };
}

/** The pricing core's view of a call's usage. */
export function tokenUsage(call: Pick<LlmCallItem, 'inputTokens' | 'outputTokens'> & LlmUsageByType): TokenUsage {
  return {
    input: call.inputTokens,
    output: call.outputTokens,
    cacheRead: call.cacheReadInputTokens ?? 0,
    cacheWrite: call.cacheCreationInputTokens ?? 0,
    cacheWrite5m: call.cacheCreation5mInputTokens ?? 0,
    cacheWrite1h: call.cacheCreation1hInputTokens ?? 0,
    reasoning: call.reasoningOutputTokens ?? 0,
    audioIn: call.audioInputTokens ?? 0,
    audioOut: call.audioOutputTokens ?? 0,
    imageIn: call.imageInputTokens ?? 0,
  };
}

/** `<field>: <why>` when a partition outgrows its total (cache reads + writes > input, …), else null. */
export function usageProblem(call: Pick<LlmCallItem, 'inputTokens' | 'outputTokens'> & LlmUsageByType): string | null {
  try {
    validateUsage(tokenUsage(call));
    return null;
  } catch (error) {
    if (error instanceof UsagePartitionError) return `${error.field}: ${error.message}`;
    throw error;
  }
}
