/**
 * The official openai SDK under @opentelemetry/instrumentation-openai (GenAI semantic conventions),
 * inside a manual invoke_agent span carrying the conversation id, exporting OTLP/protobuf traces
 * and metrics to Fleetwatch.
 */
import { GPT_4O_MINI_LIST_PRICE, NO_TOKENS, Rates, catalogueRates } from './catalogue-rates.kit';
import { emitted, exportAnswers, InstrumentationRun, runInstrumentation, SETUP_GUARD_MS } from './instrumentation-e2e.kit';
import { REQUEST_MODEL, RESPONSE_MODEL, SESSION_ID, STREAM_STEP, TOOL_ANSWER_STEP, TOOL_CALL_STEP, USAGE_STEP } from './mock-openai/mock-openai.scenario';
import { EmittedSpan } from './otlp-recording.proxy';
import { expectedRun, RunExpectation, runsView, conversationsView, expectedConversation, runDetail, unmappedView } from './runs.kit';
import {
  costView,
  expectedCostView,
  ExpectedCall,
  expectedLlmCalls,
  reported,
  storedLlmCalls,
  storedToolCalls,
  summaryTotals,
  expectedSummaryTotals,
} from './stored-calls.kit';

describe('@opentelemetry/instrumentation-openai → Fleetwatch', () => {
  let run: InstrumentationRun;
  let rates: Rates;
  let agentSpan: EmittedSpan;
  let calls: ExpectedCall[];

  beforeAll(async () => {
    run = await runInstrumentation('otel-js', 'openai-instrumentation');
    rates = await catalogueRates(run.t, run.owner);
    [agentSpan] = emitted(run, 'invoke_agent weather-agent');
    const [usage, tool, toolAnswer, stream, fail] = emitted(run, `chat ${REQUEST_MODEL}`);
    // The instrumentation reads only prompt/completion totals: cached input and reasoning are lost.
    const totals = { cacheRead: false, reasoning: false };
    calls = [
      { span: usage, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(USAGE_STEP, totals) },
      { span: tool, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(TOOL_CALL_STEP, totals) },
      { span: toolAnswer, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(TOOL_ANSWER_STEP, totals) },
      // No time to first token: the instrumentation records none for a stream.
      { span: stream, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(STREAM_STEP, totals) },
      { span: fail, model: REQUEST_MODEL, responseModel: null, usage: NO_TOKENS, errorType: 'InternalServerError' },
    ];
  }, SETUP_GUARD_MS);

  afterAll(async () => {
    await run?.close();
  });

  it('runs the whole scenario and every export is answered 200 without a warning', () => {
    expect({ code: run.result.code, stderr: run.result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.mock.requests.map((r) => r.step)).toEqual(['usage', 'tool', 'tool-result', 'stream', 'fail']);
    expect(exportAnswers(run).sort((a, b) => a.path.localeCompare(b.path))).toEqual([
      { path: '/api/otlp/v1/metrics', status: 200, partialSuccess: null },
      { path: '/api/otlp/v1/traces', status: 200, partialSuccess: null },
    ]);
    expect(rates).toEqual(GPT_4O_MINI_LIST_PRICE);
  });

  it('stores each of the five chat spans as one LLM call with its tokens, models, status and catalogue cost', async () => {
    expect(await storedLlmCalls(run.t, run.agent.id)).toEqual(expectedLlmCalls(calls, rates));
  });

  it('stores no tool call: the instrumentation emits no span for the tool the application ran', async () => {
    expect(await storedToolCalls(run.t, run.agent.id)).toEqual([]);
  });

  it('answers the agent cost with every call counted once at the catalogue rates', async () => {
    expect(await costView(run.t, run.owner, run.agent.id)).toEqual(expectedCostView(calls, rates, 'openai'));
  });

  it('keeps the exported gen_ai.client.* metrics out of the agent’s token and request totals', async () => {
    // The same usage also arrives as metric points: the summary counts the calls, once.
    expect(await summaryTotals(run.t, run.owner, run.agent.id)).toEqual(expectedSummaryTotals(calls));
  });

  describe('runs and conversations', () => {
    let expected: RunExpectation;
    beforeAll(() => {
      expected = { root: agentSpan, name: 'weather-agent', conversationId: SESSION_ID, status: 'success', calls, toolCalls: [] };
    });

    it('makes the invoke_agent span one run holding the five calls', async () => {
      expect(await runsView(run)).toEqual([expectedRun(expected, rates)]);
    });

    it('lists the run’s calls in time order under the agent span', async () => {
      const [listed] = await runsView(run);
      expect(await runDetail(run, listed.key)).toEqual(expectedRun(expected, rates, { withCalls: true, key: listed.key }));
    });

    it('groups the run under conversation fw-session-0001', async () => {
      expect(await conversationsView(run)).toEqual([expectedConversation(SESSION_ID, [expected], rates)]);
    });
  });

  it('reports no unmapped span names for the agent’s owner', async () => {
    expect(await unmappedView(run)).toEqual([]);
  });
});
