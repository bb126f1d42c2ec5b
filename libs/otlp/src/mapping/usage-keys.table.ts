import type { Attributes } from '../codec/otlp-model';
import { count } from './genai-attributes';
import type { UsageFacts } from './span-facts.model';

/** Where one convention keeps each token count, first key found wins. */
export interface UsageKeys {
  input: readonly string[];
  output: readonly string[];
  cacheRead?: readonly string[];
  cacheCreation?: readonly string[];
  cacheCreation5m?: readonly string[];
  cacheCreation1h?: readonly string[];
  reasoning?: readonly string[];
  audioInput?: readonly string[];
  audioOutput?: readonly string[];
  imageInput?: readonly string[];
}

const PARTS = [
  ['cacheRead', 'cacheReadInputTokens'],
  ['cacheCreation', 'cacheCreationInputTokens'],
  ['cacheCreation5m', 'cacheCreation5mInputTokens'],
  ['cacheCreation1h', 'cacheCreation1hInputTokens'],
  ['reasoning', 'reasoningOutputTokens'],
  ['audioInput', 'audioInputTokens'],
  ['audioOutput', 'audioOutputTokens'],
  ['imageInput', 'imageInputTokens'],
] as const;

/**
 * Some instrumentations report the provider's raw numbers, where input excludes cache tokens
 * (Anthropic) or output excludes reasoning (Gemini). When a partition outgrows its total, the
 * total cannot have included it: it is added, so the call keeps GenAI semantics instead of being
 * refused by the ingest partition check.
 */
export function withGenAiTotals(usage: UsageFacts): UsageFacts {
  const out = { ...usage };
  const cache = (out.cacheReadInputTokens ?? 0) + (out.cacheCreationInputTokens ?? 0);
  if (cache > out.inputTokens) out.inputTokens += cache;
  if ((out.reasoningOutputTokens ?? 0) > out.outputTokens) out.outputTokens += out.reasoningOutputTokens ?? 0;
  return out;
}

/** The usage a span reports under `keys`; undefined when it carries no token count at all. */
export function readUsage(attributes: Attributes, keys: UsageKeys): UsageFacts | undefined {
  const input = count(attributes, ...keys.input);
  const output = count(attributes, ...keys.output);
  const usage: UsageFacts = { inputTokens: input ?? 0, outputTokens: output ?? 0 };
  let any = input !== undefined || output !== undefined;
  for (const [table, field] of PARTS) {
    const list = keys[table];
    const n = list ? count(attributes, ...list) : undefined;
    if (n !== undefined && n > 0) usage[field] = n;
    if (n !== undefined) any = true;
  }
  return any ? withGenAiTotals(usage) : undefined;
}
