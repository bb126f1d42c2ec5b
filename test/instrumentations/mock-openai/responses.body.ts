/** Responses API answers (POST /v1/responses): the AI SDK's default OpenAI model calls this API. */
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

function responsesUsage(u: ScenarioUsage): Record<string, unknown> {
  return {
    input_tokens: u.input,
    input_tokens_details: { cached_tokens: u.cachedInput, ...(u.cacheWrite ? { cache_write_tokens: u.cacheWrite } : {}) },
    output_tokens: u.output,
    output_tokens_details: { reasoning_tokens: u.reasoning },
    total_tokens: u.input + u.output,
  };
}

function message(id: string, text: string): Record<string, unknown> {
  return { type: 'message', id, status: 'completed', role: 'assistant', content: [{ type: 'output_text', text, annotations: [], logprobs: [] }] };
}

function envelope(id: string, status: string, output: unknown[], usage: unknown): Record<string, unknown> {
  return { id, object: 'response', created_at: CREATED, status, model: RESPONSE_MODEL, output, usage, incomplete_details: null, error: null };
}

export function response(step: ScenarioStep, id: string): Record<string, unknown> {
  const output =
    step === 'tool'
      ? [{ type: 'function_call', id: `fc_${id}`, call_id: TOOL_CALL_ID, name: TOOL_NAME, arguments: JSON.stringify(TOOL_ARGUMENTS), status: 'completed' }]
      : [message(`msg_${id}`, step === 'tool-result' ? TOOL_ANSWER_TEXT : USAGE_TEXT)];
  return envelope(id, 'completed', output, responsesUsage(usageOf(step)));
}

/** SSE events (name, data) of a streamed text answer; usage only in response.completed. */
export function responseEvents(id: string): Array<[string, Record<string, unknown>]> {
  const itemId = `msg_${id}`;
  const text = STREAM_DELTAS.join('');
  const events: Array<[string, Record<string, unknown>]> = [
    ['response.created', { response: envelope(id, 'in_progress', [], null) }],
    ['response.output_item.added', { output_index: 0, item: { type: 'message', id: itemId, status: 'in_progress', role: 'assistant', content: [] } }],
    ...STREAM_DELTAS.map((delta): [string, Record<string, unknown>] => [
      'response.output_text.delta',
      { item_id: itemId, output_index: 0, content_index: 0, delta, logprobs: [] },
    ]),
    ['response.output_text.done', { item_id: itemId, output_index: 0, content_index: 0, text, logprobs: [] }],
    ['response.output_item.done', { output_index: 0, item: message(itemId, text) }],
    ['response.completed', { response: envelope(id, 'completed', [message(itemId, text)], responsesUsage(usageOf('stream'))) }],
  ];
  return events.map(([type, data], n) => [type, { type, sequence_number: n, ...data }]);
}
