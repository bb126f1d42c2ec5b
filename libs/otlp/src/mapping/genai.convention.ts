import type { Attributes, OtlpSpan } from '../codec/otlp-model';
import { amount, text } from './genai-attributes';
import type { SpanConvention, SpanFacts, SpanRole } from './span-facts.model';
import { readUsage, UsageKeys } from './usage-keys.table';

/** `gen_ai.operation.name` → role (OpenTelemetry GenAI semantic conventions). */
export const GENAI_OPERATIONS: Readonly<Record<string, SpanRole>> = {
  chat: 'llm',
  text_completion: 'llm',
  generate_content: 'llm',
  embeddings: 'llm',
  execute_tool: 'tool',
  invoke_agent: 'run',
  invoke_workflow: 'run',
  create_agent: 'structure',
  // @ai-sdk/otel wraps each step of an agent loop in one: the step's calls are its children.
  agent_step: 'structure',
};

/** Current names first, then the deprecated ones instrumentations still emit. */
export const GENAI_USAGE: UsageKeys = {
  input: ['gen_ai.usage.input_tokens', 'gen_ai.usage.prompt_tokens'],
  output: ['gen_ai.usage.output_tokens', 'gen_ai.usage.completion_tokens'],
  cacheRead: ['gen_ai.usage.cache_read.input_tokens', 'gen_ai.usage.cache_read_input_tokens', 'gen_ai.usage.input_tokens.cached'],
  cacheCreation: ['gen_ai.usage.cache_creation.input_tokens', 'gen_ai.usage.cache_creation_input_tokens', 'gen_ai.usage.input_tokens.cache_write'],
  reasoning: ['gen_ai.usage.reasoning.output_tokens', 'gen_ai.usage.output_tokens.reasoning', 'gen_ai.usage.reasoning_tokens'],
  audioInput: ['gen_ai.usage.audio.input_tokens'],
  audioOutput: ['gen_ai.usage.audio.output_tokens'],
  imageInput: ['gen_ai.usage.image.input_tokens'],
};

export const GENAI_CONVERSATION_KEYS = ['gen_ai.conversation.id'];

/** Seconds, as the GenAI conventions measure them. */
const TTFT_SECONDS_KEYS = ['gen_ai.response.time_to_first_chunk', 'gen_ai.client.operation.time_to_first_chunk', 'gen_ai.server.time_to_first_token'];

export function genAiTimeToFirstTokenMs(a: Attributes): number | undefined {
  const seconds = amount(a, ...TTFT_SECONDS_KEYS);
  return seconds === undefined ? undefined : seconds * 1000;
}

/** The LLM-call facts of a span in GenAI attributes (also what other conventions' LLM spans often carry). */
export function genAiLlmFacts(a: Attributes): Pick<SpanFacts, 'model' | 'responseModel' | 'provider' | 'usage' | 'timeToFirstTokenMs'> {
  return {
    model: text(a, 'gen_ai.request.model', 'gen_ai.response.model'),
    responseModel: text(a, 'gen_ai.response.model'),
    provider: text(a, 'gen_ai.provider.name', 'gen_ai.system'),
    usage: readUsage(a, GENAI_USAGE),
    timeToFirstTokenMs: genAiTimeToFirstTokenMs(a),
  };
}

export function toolFromName(span: OtlpSpan, prefix: string): string | undefined {
  return span.name.startsWith(prefix) ? span.name.slice(prefix.length).trim() || undefined : undefined;
}

export const genAiConvention: SpanConvention = (span) => {
  const a = span.attributes;
  const operation = text(a, 'gen_ai.operation.name');
  const role = operation === undefined ? undefined : GENAI_OPERATIONS[operation];
  if (!role) return undefined;
  const conversationId = text(a, ...GENAI_CONVERSATION_KEYS);
  const base: SpanFacts = { role, convention: 'genai', ...(conversationId ? { conversationId } : {}) };
  if (role === 'llm') return { ...base, ...genAiLlmFacts(a) };
  if (role === 'tool') return { ...base, tool: text(a, 'gen_ai.tool.name') ?? toolFromName(span, 'execute_tool') };
  if (role === 'run') return { ...base, name: text(a, 'gen_ai.agent.name', 'gen_ai.workflow.name') ?? span.name };
  return base;
};
