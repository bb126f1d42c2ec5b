/** Chat Completions answers (POST /v1/chat/completions), shaped like OpenAI's documented objects. */
import {
  RESPONSE_MODEL,
  STREAM_DELTAS,
  ScenarioStep,
  ScenarioUsage,
  TOOL_ANSWER_TEXT,
  TOOL_ARGUMENTS,
  TOOL_CALL_ID,
  TOOL_NAME,
  USAGE_TEXT,
  usageOf,
} from './mock-openai.scenario';

const CREATED = 1764547200;

function chatUsage(u: ScenarioUsage): Record<string, unknown> {
  return {
    prompt_tokens: u.input,
    completion_tokens: u.output,
    total_tokens: u.input + u.output,
    prompt_tokens_details: { cached_tokens: u.cachedInput, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: u.reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

export function chatCompletion(step: ScenarioStep, id: string): Record<string, unknown> {
  const message =
    step === 'tool'
      ? {
          role: 'assistant',
          content: null,
          refusal: null,
          tool_calls: [{ id: TOOL_CALL_ID, type: 'function', function: { name: TOOL_NAME, arguments: JSON.stringify(TOOL_ARGUMENTS) } }],
        }
      : { role: 'assistant', content: step === 'tool-result' ? TOOL_ANSWER_TEXT : USAGE_TEXT, refusal: null };
  return {
    id,
    object: 'chat.completion',
    created: CREATED,
    model: RESPONSE_MODEL,
    system_fingerprint: 'fp_fleetwatch',
    choices: [{ index: 0, message, logprobs: null, finish_reason: step === 'tool' ? 'tool_calls' : 'stop' }],
    usage: chatUsage(usageOf(step)),
  };
}

/** SSE `data:` payloads; the usage chunk (empty choices) only when stream_options.include_usage asked for it. */
export function chatCompletionChunks(id: string, includeUsage: boolean): string[] {
  const chunk = (choices: unknown[], extra: Record<string, unknown> = {}) =>
    JSON.stringify({ id, object: 'chat.completion.chunk', created: CREATED, model: RESPONSE_MODEL, system_fingerprint: 'fp_fleetwatch', choices, ...extra });
  const out = [chunk([{ index: 0, delta: { role: 'assistant', content: '' }, logprobs: null, finish_reason: null }])];
  for (const delta of STREAM_DELTAS) out.push(chunk([{ index: 0, delta: { content: delta }, logprobs: null, finish_reason: null }]));
  out.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' }]));
  if (includeUsage) out.push(chunk([], { usage: chatUsage(usageOf('stream')) }));
  out.push('[DONE]');
  return out;
}
