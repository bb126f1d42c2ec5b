import { jsonObject, text } from './genai-attributes';
import type { SpanConvention, SpanRole } from './span-facts.model';
import { readUsage, UsageKeys } from './usage-keys.table';

/** `openinference.span.kind` → role (Arize OpenInference semantic conventions). */
export const OPENINFERENCE_KINDS: Readonly<Record<string, SpanRole>> = {
  LLM: 'llm',
  EMBEDDING: 'llm',
  TOOL: 'tool',
  AGENT: 'run',
  CHAIN: 'run',
  RETRIEVER: 'structure',
  RERANKER: 'structure',
  GUARDRAIL: 'structure',
  EVALUATOR: 'structure',
  PROMPT: 'structure',
  UNKNOWN: 'structure',
};

/** `llm.token_count.prompt` includes the cached prompt tokens, as OpenAI's prompt_tokens does. */
export const OPENINFERENCE_USAGE: UsageKeys = {
  input: ['llm.token_count.prompt'],
  output: ['llm.token_count.completion'],
  cacheRead: ['llm.token_count.prompt_details.cache_read'],
  cacheCreation: ['llm.token_count.prompt_details.cache_write'],
  reasoning: ['llm.token_count.completion_details.reasoning'],
  audioInput: ['llm.token_count.prompt_details.audio'],
  audioOutput: ['llm.token_count.completion_details.audio'],
};

export const openInferenceConvention: SpanConvention = (span) => {
  const a = span.attributes;
  const kind = text(a, 'openinference.span.kind')?.toUpperCase();
  const role = kind === undefined ? undefined : OPENINFERENCE_KINDS[kind];
  if (!role) return undefined;
  const conversationId = text(a, 'session.id');
  const base = { role, convention: 'openinference' as const, ...(conversationId ? { conversationId } : {}) };
  if (role === 'tool') return { ...base, tool: text(a, 'tool.name') ?? span.name };
  if (role === 'run') return { ...base, name: text(a, 'agent.name', 'graph.node.name') ?? span.name };
  if (role === 'structure') return base;
  // llm.model_name is the model that answered (a dated snapshot); the one asked for is in the invocation parameters.
  const answered = text(a, 'llm.model_name', 'embedding.model_name');
  const params = jsonObject(a, 'llm.invocation_parameters');
  const asked = params && typeof params.model === 'string' && params.model.trim() ? params.model.trim().slice(0, 200) : undefined;
  return {
    ...base,
    model: asked ?? answered,
    ...(answered && answered !== asked ? { responseModel: answered } : {}),
    provider: text(a, 'llm.provider', 'llm.system'),
    usage: readUsage(a, OPENINFERENCE_USAGE),
  };
};
