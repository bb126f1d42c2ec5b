/**
 * OpenLLMetry (@traceloop/node-server-sdk) instrumenting the openai SDK, the scenario inside
 * withAgent (conversation id and a session association property), the tool inside withTool,
 * exporting every span at once (disableBatch) as OTLP/protobuf.
 */
import { GPT_4O_MINI_LIST_PRICE, Rates, catalogueRates } from './catalogue-rates.kit';
import { emitted, exportAnswers, InstrumentationRun, runInstrumentation, SETUP_GUARD_MS } from './instrumentation-e2e.kit';
import {
  REQUEST_MODEL,
  RESPONSE_MODEL,
  SESSION_ID,
  TOOL_ANSWER_STEP,
  TOOL_CALL_STEP,
  TOOL_NAME,
  USAGE_STEP,
  STREAM_DELTAS,
} from './mock-openai/mock-openai.scenario';
import { EmittedSpan } from './otlp-recording.proxy';
import { conversationsView, expectedConversation, expectedRun, RunExpectation, runDetail, runsView, unmappedView } from './runs.kit';
import { costView, expectedCostView, ExpectedCall, expectedLlmCalls, expectedToolCall, reported, storedLlmCalls, storedToolCalls } from './stored-calls.kit';

/** OpenLLMetry counts a stream's tokens itself (the mock's usage chunk says 80 + 12): what it sent for this prompt and STREAM_DELTAS. */
const OPENLLMETRY_STREAM_ESTIMATE = { input: 9, output: 6, cacheRead: 0, cacheWrite: 0, reasoning: 0 };

describe('OpenLLMetry (Traceloop) → Fleetwatch', () => {
  let run: InstrumentationRun;
  let rates: Rates;
  let agentSpan: EmittedSpan;
  let toolSpan: EmittedSpan;
  let calls: ExpectedCall[];

  beforeAll(async () => {
    run = await runInstrumentation('traceloop', 'traceloop');
    rates = await catalogueRates(run.t, run.owner);
    [agentSpan] = emitted(run, 'weather-agent.agent');
    [toolSpan] = emitted(run, `${TOOL_NAME}.tool`);
    const chats = emitted(run, `chat ${REQUEST_MODEL}`);
    // OpenLLMetry emits no span for the failed (HTTP 500) request: four chat spans, not five.
    expect(chats).toHaveLength(4);
    const [usage, tool, toolAnswer, stream] = chats;
    // Only gen_ai.usage.input_tokens / output_tokens: cached input and reasoning are lost.
    const totals = { cacheRead: false, reasoning: false };
    expect(stream.attributes['gen_ai.usage.input_tokens']).toBe(OPENLLMETRY_STREAM_ESTIMATE.input);
    expect(stream.attributes['gen_ai.usage.output_tokens']).toBe(OPENLLMETRY_STREAM_ESTIMATE.output);
    expect(STREAM_DELTAS.join('')).toBe('One, two, three.');
    calls = [
      { span: usage, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(USAGE_STEP, totals) },
      { span: tool, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(TOOL_CALL_STEP, totals) },
      { span: toolAnswer, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(TOOL_ANSWER_STEP, totals) },
      // The stream's tokens are OpenLLMetry's own estimate, not the usage the mock sent; no time to first token.
      { span: stream, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: OPENLLMETRY_STREAM_ESTIMATE },
    ];
  }, SETUP_GUARD_MS);

  afterAll(async () => {
    await run?.close();
  });

  it('runs the whole scenario and every export is answered 200 without a warning', () => {
    const answers = exportAnswers(run);
    // One export per span (disableBatch): the agent, four chats and the tool.
    expect(answers).toEqual(answers.map(() => ({ path: '/api/otlp/v1/traces', status: 200, partialSuccess: null })));
    expect({ code: run.result.code, stderr: run.result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.mock.requests.map((r) => r.step)).toEqual(['usage', 'tool', 'tool-result', 'stream', 'fail']);
    expect(emitted(run, /.*/)).toHaveLength(6);
    expect(rates).toEqual(GPT_4O_MINI_LIST_PRICE);
  });

  it('stores each chat span once with the tokens OpenLLMetry reported, priced from the catalogue', async () => {
    expect(await storedLlmCalls(run.t, run.agent.id)).toEqual(expectedLlmCalls(calls, rates));
  });

  it('stores the withTool span (traceloop.span.kind tool) as the get_weather tool call', async () => {
    expect(await storedToolCalls(run.t, run.agent.id)).toEqual([expectedToolCall(toolSpan, TOOL_NAME)]);
  });

  it('answers the agent cost with every call counted once at the catalogue rates', async () => {
    expect(await costView(run.t, run.owner, run.agent.id)).toEqual(expectedCostView(calls, rates, 'openai'));
  });

  describe('runs and conversations', () => {
    let expected: RunExpectation;
    beforeAll(() => {
      expected = {
        root: agentSpan,
        name: 'weather-agent',
        conversationId: SESSION_ID,
        status: 'success',
        calls,
        toolCalls: [{ span: toolSpan, tool: TOOL_NAME }],
      };
    });

    it('makes the withAgent span one run holding the four calls and the tool', async () => {
      expect(await runsView(run)).toEqual([expectedRun(expected, rates)]);
    });

    it('lists the run’s calls in time order under the agent span', async () => {
      const [listed] = await runsView(run);
      expect(await runDetail(run, listed.key)).toEqual(expectedRun(expected, rates, { withCalls: true, key: listed.key }));
    });

    it('groups the run under its conversation id', async () => {
      expect(await conversationsView(run)).toEqual([expectedConversation(SESSION_ID, [expected], rates)]);
    });
  });

  it('reports no unmapped span names for the agent’s owner', async () => {
    expect(await unmappedView(run)).toEqual([]);
  });
});
