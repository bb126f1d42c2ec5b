import { amount, text } from './genai-attributes';
import { genAiLlmFacts } from './genai.convention';
import type { SpanConvention, SpanRole } from './span-facts.model';
import { readUsage, UsageKeys } from './usage-keys.table';

/**
 * Vercel AI SDK built-in telemetry (`experimental_telemetry`): the span name is the operation id.
 * The top-level calls sum their steps' usage, so they are runs; their provider calls
 * (`.doGenerate`, `.doStream`, `.doEmbed`) are the LLM calls.
 */
export const VERCEL_OPERATIONS: Readonly<Record<string, SpanRole>> = {
  'ai.generateText': 'run',
  'ai.streamText': 'run',
  'ai.generateObject': 'run',
  'ai.streamObject': 'run',
  'ai.embed': 'run',
  'ai.embedMany': 'run',
  'ai.generateText.doGenerate': 'llm',
  'ai.streamText.doStream': 'llm',
  'ai.generateObject.doGenerate': 'llm',
  'ai.streamObject.doStream': 'llm',
  'ai.embed.doEmbed': 'llm',
  'ai.embedMany.doEmbed': 'llm',
  'ai.toolCall': 'tool',
};

/** AI SDK 5/6 names first, then AI SDK 4's (prompt/completion), then embeddings' single count. */
export const VERCEL_USAGE: UsageKeys = {
  input: ['ai.usage.inputTokens', 'ai.usage.promptTokens', 'ai.usage.tokens'],
  output: ['ai.usage.outputTokens', 'ai.usage.completionTokens'],
  cacheRead: ['ai.usage.inputTokenDetails.cacheReadTokens', 'ai.usage.cachedInputTokens'],
  cacheCreation: ['ai.usage.inputTokenDetails.cacheWriteTokens'],
  reasoning: ['ai.usage.outputTokenDetails.reasoningTokens', 'ai.usage.reasoningTokens'],
};

const TTFT_MS_KEYS = ['ai.response.msToFirstChunk', 'ai.stream.msToFirstChunk'];
const CONVERSATION_KEYS = ['ai.telemetry.metadata.conversationId', 'ai.telemetry.metadata.sessionId', 'gen_ai.conversation.id'];

/** `openai.chat` / `openai.responses` → `openai`, the provider id prices are kept under. */
function providerId(raw: string | undefined): string | undefined {
  return raw?.split('.')[0] || undefined;
}

export const vercelAiConvention: SpanConvention = (span) => {
  const a = span.attributes;
  const operation = text(a, 'ai.operationId') ?? span.name;
  const role = VERCEL_OPERATIONS[operation];
  if (!role) return undefined;
  const conversationId = text(a, ...CONVERSATION_KEYS);
  const base = { role, convention: 'vercel-ai' as const, ...(conversationId ? { conversationId } : {}) };
  if (role === 'tool') return { ...base, tool: text(a, 'ai.toolCall.name') };
  if (role === 'run') return { ...base, name: text(a, 'ai.telemetry.functionId') ?? operation };
  const genAi = genAiLlmFacts(a);
  const ttft = amount(a, ...TTFT_MS_KEYS);
  return {
    ...base,
    model: text(a, 'ai.model.id') ?? genAi.model,
    responseModel: text(a, 'ai.response.model') ?? genAi.responseModel,
    provider: providerId(text(a, 'ai.model.provider')) ?? genAi.provider,
    usage: readUsage(a, VERCEL_USAGE) ?? genAi.usage,
    ...(ttft !== undefined ? { timeToFirstTokenMs: ttft } : {}),
  };
};
