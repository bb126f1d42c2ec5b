import { text } from './genai-attributes';
import { GENAI_USAGE, genAiLlmFacts } from './genai.convention';
import type { SpanConvention, SpanRole } from './span-facts.model';
import { readUsage, UsageKeys } from './usage-keys.table';

/** `traceloop.span.kind` (the SDK's decorators) → role. */
export const TRACELOOP_KINDS: Readonly<Record<string, SpanRole>> = {
  workflow: 'run',
  agent: 'run',
  task: 'structure',
  tool: 'tool',
};

/** `llm.request.type` on OpenLLMetry's instrumentation spans → role. */
export const TRACELOOP_REQUEST_TYPES: Readonly<Record<string, SpanRole>> = {
  chat: 'llm',
  completion: 'llm',
  embedding: 'llm',
  rerank: 'llm',
};

/** OpenLLMetry writes gen_ai.* names (older releases the deprecated ones), and before that llm.*. */
export const TRACELOOP_USAGE: UsageKeys = {
  input: [...GENAI_USAGE.input, 'llm.usage.prompt_tokens'],
  output: [...GENAI_USAGE.output, 'llm.usage.completion_tokens'],
  cacheRead: [...(GENAI_USAGE.cacheRead ?? []), 'llm.usage.cache_read_input_tokens'],
  cacheCreation: [...(GENAI_USAGE.cacheCreation ?? []), 'llm.usage.cache_creation_input_tokens'],
  reasoning: [...(GENAI_USAGE.reasoning ?? []), 'llm.usage.reasoning_tokens'],
};

const CONVERSATION_KEYS = [
  'gen_ai.conversation.id',
  'traceloop.association.properties.conversation_id',
  'traceloop.association.properties.session_id',
  'traceloop.association.properties.sessionId',
];

export const traceloopConvention: SpanConvention = (span) => {
  const a = span.attributes;
  const kind = text(a, 'traceloop.span.kind');
  const requestType = text(a, 'llm.request.type');
  const role = (kind && TRACELOOP_KINDS[kind]) || (requestType && TRACELOOP_REQUEST_TYPES[requestType]) || undefined;
  if (!role) return undefined;
  const conversationId = text(a, ...CONVERSATION_KEYS);
  const base = { role, convention: 'traceloop' as const, ...(conversationId ? { conversationId } : {}) };
  const entity = text(a, 'traceloop.entity.name', 'traceloop.workflow.name');
  if (role === 'tool') return { ...base, tool: entity ?? span.name.replace(/\.tool$/, '') };
  if (role === 'run') return { ...base, name: entity ?? span.name };
  if (role === 'structure') return base;
  const genAi = genAiLlmFacts(a);
  return {
    ...base,
    ...genAi,
    model: genAi.model ?? text(a, 'llm.request.model', 'llm.response.model'),
    responseModel: genAi.responseModel ?? text(a, 'llm.response.model'),
    provider: genAi.provider ?? text(a, 'llm.vendor'),
    usage: readUsage(a, TRACELOOP_USAGE),
  };
};
