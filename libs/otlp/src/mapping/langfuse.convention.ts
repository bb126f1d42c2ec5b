import type { AttributeValue } from '../codec/otlp-model';
import { jsonObject, text } from './genai-attributes';
import { genAiLlmFacts } from './genai.convention';
import type { SpanConvention, SpanRole, UsageFacts } from './span-facts.model';
import { withGenAiTotals } from './usage-keys.table';

/** `langfuse.observation.type` → role (Langfuse SDK v3/v4 OpenTelemetry attributes). */
export const LANGFUSE_TYPES: Readonly<Record<string, SpanRole>> = {
  generation: 'llm',
  embedding: 'llm',
  tool: 'tool',
  agent: 'run',
  chain: 'run',
  span: 'structure',
  event: 'structure',
  retriever: 'structure',
  evaluator: 'structure',
  guardrail: 'structure',
};

/**
 * Keys of `langfuse.observation.usage_details` per token type. Langfuse counts `input` without
 * the cached and other detailed input tokens and `output` without reasoning, each detail beside
 * it: GenAI totals are `input` + every input detail and `output` + every output detail.
 */
export const LANGFUSE_USAGE_DETAILS = {
  cacheRead: ['input_cached_tokens', 'cache_read_input_tokens', 'input_cache_read'],
  cacheCreation: ['cache_creation_input_tokens', 'input_cache_creation', 'input_cache_write'],
  reasoning: ['output_reasoning_tokens', 'output_reasoning'],
  audioInput: ['input_audio_tokens', 'input_audio'],
  audioOutput: ['output_audio_tokens', 'output_audio'],
  imageInput: ['input_image_tokens', 'input_image'],
} as const;

const INPUT_DETAIL = /^(input_|cache_read_input|cache_creation_input)/;
const OUTPUT_DETAIL = /^output_/;

function tokens(value: AttributeValue | undefined): number {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^\d+$/.test(value) ? Number(value) : 0;
  return Number.isFinite(n) && n > 0 ? Math.round(n) : 0;
}

/** usage_details JSON → GenAI usage (input and output totals include their details). */
export function langfuseUsage(details: Record<string, AttributeValue>): UsageFacts {
  let inputTokens = tokens(details.input);
  let outputTokens = tokens(details.output);
  for (const [key, value] of Object.entries(details)) {
    if (INPUT_DETAIL.test(key)) inputTokens += tokens(value);
    else if (OUTPUT_DETAIL.test(key)) outputTokens += tokens(value);
  }
  const usage: UsageFacts = { inputTokens, outputTokens };
  const fields = {
    cacheRead: 'cacheReadInputTokens',
    cacheCreation: 'cacheCreationInputTokens',
    reasoning: 'reasoningOutputTokens',
    audioInput: 'audioInputTokens',
    audioOutput: 'audioOutputTokens',
    imageInput: 'imageInputTokens',
  } as const;
  for (const [type, keys] of Object.entries(LANGFUSE_USAGE_DETAILS) as [keyof typeof fields, readonly string[]][]) {
    const n = keys.map((k) => tokens(details[k])).find((v) => v > 0);
    if (n) usage[fields[type]] = n;
  }
  return withGenAiTotals(usage);
}

function ttftMs(startNs: bigint, completionStart: string | undefined): number | undefined {
  const at = completionStart === undefined ? Number.NaN : Date.parse(completionStart);
  const ms = at - Number(startNs / 1_000_000n);
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined;
}

export const langfuseConvention: SpanConvention = (span) => {
  const a = span.attributes;
  const type = text(a, 'langfuse.observation.type')?.toLowerCase();
  const role = type === undefined ? undefined : LANGFUSE_TYPES[type];
  if (!role) return undefined;
  const conversationId = text(a, 'langfuse.session.id', 'session.id', 'langfuse.trace.session_id');
  const failed = text(a, 'langfuse.observation.level')?.toUpperCase() === 'ERROR';
  const errorType = failed ? (text(a, 'langfuse.observation.status_message') ?? span.statusMessage?.slice(0, 200) ?? 'error') : undefined;
  const base = { role, convention: 'langfuse' as const, ...(conversationId ? { conversationId } : {}), ...(errorType ? { errorType } : {}) };
  if (role === 'tool') return { ...base, tool: span.name };
  if (role === 'run') return { ...base, name: text(a, 'langfuse.trace.name') ?? span.name };
  if (role === 'structure') return base;
  const details = jsonObject(a, 'langfuse.observation.usage_details');
  const genAi = genAiLlmFacts(a);
  const ttft = ttftMs(span.startNs, text(a, 'langfuse.observation.completion_start_time')?.replace(/^"|"$/g, ''));
  return {
    ...base,
    model: text(a, 'langfuse.observation.model.name') ?? genAi.model,
    responseModel: genAi.responseModel,
    provider: genAi.provider,
    usage: details ? langfuseUsage(details) : genAi.usage,
    ...(ttft !== undefined ? { timeToFirstTokenMs: ttft } : {}),
  };
};
