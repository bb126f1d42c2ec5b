/**
 * The official openai SDK under OpenInference's instrumentation (@arizeai/openinference-instrumentation-openai):
 * `openinference.span.kind` LLM spans inside a manual AGENT span, the session set with
 * openinference-core, exported as OTLP/protobuf.
 */
import { GPT_4O_MINI_LIST_PRICE, NO_TOKENS, Rates, catalogueRates } from './catalogue-rates.kit';
import { emitted, exportAnswers, InstrumentationRun, runInstrumentation, SETUP_GUARD_MS } from './instrumentation-e2e.kit';
import { REQUEST_MODEL, RESPONSE_MODEL, SESSION_ID, TOOL_ANSWER_STEP, TOOL_CALL_STEP, USAGE_STEP } from './mock-openai/mock-openai.scenario';
import { EmittedSpan } from './otlp-recording.proxy';
import { conversationsView, expectedConversation, expectedRun, RunExpectation, runDetail, runsView, unmappedView } from './runs.kit';
import { costView, expectedCostView, ExpectedCall, expectedLlmCalls, reported, storedLlmCalls, storedToolCalls } from './stored-calls.kit';

describe('OpenInference (openai instrumentation) → Fleetwatch', () => {
  let run: InstrumentationRun;
  let rates: Rates;
  let agentSpan: EmittedSpan;
  let calls: ExpectedCall[];

  beforeAll(async () => {
    run = await runInstrumentation('otel-js', 'openinference');
    rates = await catalogueRates(run.t, run.owner);
    [agentSpan] = emitted(run, 'weather-agent');
    const llm = emitted(run, 'OpenAI Chat Completions');
    // OpenInference emits no span at all for the failed (HTTP 500) request: four LLM spans, not five.
    expect(llm).toHaveLength(4);
    const [usage, tool, toolAnswer, stream] = llm;
    const all = { cacheRead: true, reasoning: true };
    // llm.model_name is the model that answered; the one asked for is in llm.invocation_parameters.
    calls = [
      { span: usage, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(USAGE_STEP, all) },
      { span: tool, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(TOOL_CALL_STEP, all) },
      { span: toolAnswer, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(TOOL_ANSWER_STEP, all) },
      // A stream's llm.model_name is the model asked for, so no answering model is known; and OpenInference
      // records no token counts for a streamed call (the mock sent 80 + 12) and no time to first token.
      { span: stream, model: REQUEST_MODEL, responseModel: null, usage: NO_TOKENS },
    ];
  }, SETUP_GUARD_MS);

  afterAll(async () => {
    await run?.close();
  });

  it('runs the whole scenario and every export is answered 200 without a warning', () => {
    expect({ code: run.result.code, stderr: run.result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.mock.requests.map((r) => r.step)).toEqual(['usage', 'tool', 'tool-result', 'stream', 'fail']);
    expect(exportAnswers(run)).toEqual([{ path: '/api/otlp/v1/traces', status: 200, partialSuccess: null }]);
    expect(rates).toEqual(GPT_4O_MINI_LIST_PRICE);
  });

  it('stores each LLM span once with llm.token_count.* including cache reads and reasoning, priced from the catalogue', async () => {
    expect(await storedLlmCalls(run.t, run.agent.id)).toEqual(expectedLlmCalls(calls, rates));
  });

  it('stores no tool call: the openai instrumentation emits no TOOL span for the tool the application ran', async () => {
    expect(await storedToolCalls(run.t, run.agent.id)).toEqual([]);
  });

  it('answers the agent cost with every call counted once at the catalogue rates', async () => {
    expect(await costView(run.t, run.owner, run.agent.id)).toEqual(expectedCostView(calls, rates, 'openai'));
  });

  describe('runs and conversations', () => {
    let expected: RunExpectation;
    beforeAll(() => {
      expected = { root: agentSpan, name: 'weather-agent', conversationId: SESSION_ID, status: 'success', calls, toolCalls: [] };
    });

    it('makes the AGENT span one run holding the four LLM calls', async () => {
      expect(await runsView(run)).toEqual([expectedRun(expected, rates)]);
    });

    it('lists the run’s calls in time order under the agent span', async () => {
      const [listed] = await runsView(run);
      expect(await runDetail(run, listed.key)).toEqual(expectedRun(expected, rates, { withCalls: true, key: listed.key }));
    });

    it('groups the run under its session.id', async () => {
      expect(await conversationsView(run)).toEqual([expectedConversation(SESSION_ID, [expected], rates)]);
    });
  });

  it('reports no unmapped span names for the agent’s owner', async () => {
    expect(await unmappedView(run)).toEqual([]);
  });
});
