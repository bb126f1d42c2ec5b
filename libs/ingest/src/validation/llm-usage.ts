import { UsagePartitionError, validateUsage, type TokenUsage } from '@fleetwatch/cost';
import type { LlmCallItem, LlmUsageByType } from './ingest-batch';

type Raw = Record<string, unknown>;

const COUNT_FIELDS = [
  'cacheReadInputTokens',
  'cacheCreationInputTokens',
  'cacheCreation5mInputTokens',
  'cacheCreation1hInputTokens',
  'reasoningOutputTokens',
  'audioInputTokens',
  'audioOutputTokens',
  'imageInputTokens',
] as const satisfies ReadonlyArray<keyof LlmUsageByType>;

/**
 * The token types an item reported (absent → 0). A 5m / 1h split sent without its total makes
 * the total: the split is then the whole of the cache writes.
 */
export function usageByType(item: Raw): Required<LlmUsageByType> {
  const out = {} as Required<LlmUsageByType>;
  for (const field of COUNT_FIELDS) out[field] = typeof item[field] === 'number' ? item[field] : 0;
  if (item.cacheCreationInputTokens === undefined) out.cacheCreationInputTokens = out.cacheCreation5mInputTokens + out.cacheCreation1hInputTokens;
  return out;
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
export function usageProblem(inputTokens: number, outputTokens: number, usage: LlmUsageByType): string | null {
  try {
    validateUsage(tokenUsage({ inputTokens, outputTokens, ...usage }));
    return null;
  } catch (error) {
    if (error instanceof UsagePartitionError) return `${error.field}: ${error.message}`;
    throw error;
  }
}
