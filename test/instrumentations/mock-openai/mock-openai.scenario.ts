/**
 * The one deterministic scenario every fixture runs, shared by the mock server and the tests that
 * assert what Fleetwatch stored. Each request names its step with a marker in the prompt (the
 * fixtures' shared/scenario.mjs holds the same markers), so the answer does not depend on the order
 * in which a library sends its requests.
 */
export const REQUEST_MODEL = 'gpt-4o-mini';
export const RESPONSE_MODEL = 'gpt-4o-mini-2024-07-18';

export const MARKERS = { usage: '[fw:usage]', tool: '[fw:tool]', stream: '[fw:stream]', fail: '[fw:fail]' } as const;
export type ScenarioStep = keyof typeof MARKERS | 'tool-result';

export interface ScenarioUsage {
  input: number;
  output: number;
  cachedInput: number;
  reasoning: number;
  /** Sent only by the Responses API (`input_tokens_details.cache_write_tokens`); Chat Completions has no such field. */
  cacheWrite: number;
}

/** (a) one plain completion with every token detail the OpenAI APIs report. */
export const USAGE_STEP: ScenarioUsage = { input: 1200, output: 300, cachedInput: 1000, reasoning: 120, cacheWrite: 150 };
export const USAGE_TEXT = 'Hello from the mock.';

/** (b) first turn: the model asks for the tool; second turn (after the tool result): the final answer. */
export const TOOL_NAME = 'get_weather';
export const TOOL_CALL_ID = 'call_fw_weather_1';
export const TOOL_ARGUMENTS = { city: 'Paris' };
export const TOOL_RESULT = { city: 'Paris', temperatureC: 18, sky: 'cloudy' };
export const TOOL_CALL_STEP: ScenarioUsage = { input: 400, output: 25, cachedInput: 0, reasoning: 0, cacheWrite: 0 };
export const TOOL_ANSWER_STEP: ScenarioUsage = { input: 450, output: 40, cachedInput: 0, reasoning: 0, cacheWrite: 0 };
export const TOOL_ANSWER_TEXT = 'It is 18 °C and cloudy in Paris.';

/** (c) one streamed completion; usage arrives in the last chunk only. */
export const STREAM_STEP: ScenarioUsage = { input: 80, output: 12, cachedInput: 0, reasoning: 0, cacheWrite: 0 };
export const STREAM_DELTAS = ['One, ', 'two, ', 'three.'];

/** (d) answered HTTP 500 with OpenAI's error body. */
export const FAIL_STATUS = 500;
export const FAIL_MESSAGE = 'The mock upstream failed on purpose.';

/** Fixed ids the fixtures send where their library has a conversation or session. */
export const SESSION_ID = 'fw-session-0001';

export function scenarioStep(rawBody: string): ScenarioStep | undefined {
  if (rawBody.includes(MARKERS.fail)) return 'fail';
  if (rawBody.includes(MARKERS.tool)) {
    // Chat Completions sends the result as a `tool` message, the Responses API as a function_call_output item.
    return rawBody.includes('"role":"tool"') || rawBody.includes('"function_call_output"') ? 'tool-result' : 'tool';
  }
  if (rawBody.includes(MARKERS.stream)) return 'stream';
  if (rawBody.includes(MARKERS.usage)) return 'usage';
  return undefined;
}

export function usageOf(step: ScenarioStep): ScenarioUsage {
  switch (step) {
    case 'usage':
      return USAGE_STEP;
    case 'tool':
      return TOOL_CALL_STEP;
    case 'tool-result':
      return TOOL_ANSWER_STEP;
    default:
      return STREAM_STEP;
  }
}
