/**
 * The Vercel AI SDK 7 through its @ai-sdk/otel integration (GenAI semantic conventions): per
 * generateText / streamText an invoke_agent root that sums its steps, `step N` spans, chat and
 * execute_tool children; the conversation id added with the integration's enrichSpan hook.
 */
import { GPT_4O_MINI_LIST_PRICE, NO_TOKENS, Rates, catalogueRates } from './catalogue-rates.kit';
import { emitted, exportAnswers, InstrumentationRun, runInstrumentation, SETUP_GUARD_MS } from './instrumentation-e2e.kit';
import {
  FAIL_MESSAGE,
  REQUEST_MODEL,
  RESPONSE_MODEL,
  SESSION_ID,
  STREAM_STEP,
  TOOL_ANSWER_STEP,
  TOOL_CALL_STEP,
  TOOL_NAME,
  USAGE_STEP,
} from './mock-openai/mock-openai.scenario';
import { conversationsView, expectedConversation, expectedRun, expectedRuns, RunExpectation, runDetail, runsView, unmappedView } from './runs.kit';
import {
  costView,
  expectedCostView,
  ExpectedCall,
  expectedLlmCalls,
  expectedToolCall,
  reported,
  storedLlmCalls,
  storedToolCalls,
  summaryTotals,
  expectedSummaryTotals,
} from './stored-calls.kit';

describe('Vercel AI SDK 7 @ai-sdk/otel → Fleetwatch', () => {
  let run: InstrumentationRun;
  let rates: Rates;
  let calls: ExpectedCall[];
  let runs: RunExpectation[];

  beforeAll(async () => {
    run = await runInstrumentation('ai-sdk-7', 'ai-sdk-otel');
    rates = await catalogueRates(run.t, run.owner);
    const [usage, tool, toolAnswer, stream, fail] = emitted(run, `chat ${REQUEST_MODEL}`);
    // @ai-sdk/otel reports cache reads and writes but no reasoning tokens by default (the mock sent 120).
    const parts = { cacheRead: true, cacheWrite: true, reasoning: false };
    const firstChunkSeconds = stream.attributes['gen_ai.client.operation.time_to_first_chunk'] as number;
    calls = [
      { span: usage, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(USAGE_STEP, parts) },
      { span: tool, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(TOOL_CALL_STEP, parts) },
      { span: toolAnswer, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(TOOL_ANSWER_STEP, parts) },
      {
        span: stream,
        model: REQUEST_MODEL,
        responseModel: RESPONSE_MODEL,
        usage: reported(STREAM_STEP, parts),
        ttftMs: expect.closeTo(firstChunkSeconds * 1000, 3),
      },
      // No error.type on the failed chat span: the span status message is the error.
      { span: fail, model: REQUEST_MODEL, responseModel: null, usage: NO_TOKENS, errorType: FAIL_MESSAGE },
    ];
    const roots = emitted(run, 'invoke_agent weather-agent').sort((a, b) => (a.startNs < b.startNs ? -1 : 1));
    const [toolSpan] = emitted(run, `execute_tool ${TOOL_NAME}`);
    runs = ['usage', 'tool', 'stream', 'fail'].map((step, i) => ({
      root: roots[i],
      name: 'weather-agent',
      conversationId: SESSION_ID,
      status: step === 'fail' ? 'error' : 'success',
      calls: calls.filter((c) => c.span.traceId === roots[i].traceId),
      toolCalls: step === 'tool' ? [{ span: toolSpan, tool: TOOL_NAME }] : [],
    }));
  }, SETUP_GUARD_MS);

  afterAll(async () => {
    await run?.close();
  });

  it('runs the whole scenario and every export is answered 200 without a warning', () => {
    expect({ code: run.result.code, stderr: run.result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.mock.requests.map((r) => [r.api, r.step])).toEqual([
      ['responses', 'usage'],
      ['responses', 'tool'],
      ['responses', 'tool-result'],
      ['responses', 'stream'],
      ['responses', 'fail'],
    ]);
    const answers = exportAnswers(run);
    expect(answers.filter((e) => e.path === '/api/otlp/v1/traces').length).toBeGreaterThan(0);
    expect(answers.filter((e) => e.status !== 200 || e.partialSuccess !== null)).toEqual([]);
    expect(rates).toEqual(GPT_4O_MINI_LIST_PRICE);
  });

  it('stores the five chat spans as the LLM calls, not the invoke_agent totals, with cache tokens and time to first token', async () => {
    expect(await storedLlmCalls(run.t, run.agent.id)).toEqual(expectedLlmCalls(calls, rates));
  });

  it('stores the execute_tool span as the get_weather tool call', async () => {
    const [toolSpan] = emitted(run, `execute_tool ${TOOL_NAME}`);
    expect(await storedToolCalls(run.t, run.agent.id)).toEqual([expectedToolCall(toolSpan, TOOL_NAME)]);
  });

  it('answers the agent cost with every call counted once at the catalogue rates (the agent spans’ sums are not added)', async () => {
    expect(await costView(run.t, run.owner, run.agent.id)).toEqual(expectedCostView(calls, rates, 'openai'));
  });

  it('keeps the exported gen_ai.client.* metrics out of the agent’s token and request totals', async () => {
    // The same usage also arrives as metric points: the summary counts the calls, once.
    expect(await summaryTotals(run.t, run.owner, run.agent.id)).toEqual(expectedSummaryTotals(calls));
  });

  describe('runs and conversations', () => {
    it('makes each invoke_agent root one run with its steps, the failed one in error', async () => {
      expect(await runsView(run)).toEqual(expectedRuns(runs, rates));
    });

    it('lists the tool run’s calls in time order with their parents', async () => {
      const listed = await runsView(run);
      const toolRun = listed.find((r) => r.toolCalls === 1);
      expect(toolRun).toBeDefined();
      expect(await runDetail(run, toolRun!.key)).toEqual(expectedRun(runs[1], rates, { withCalls: true, key: toolRun!.key }));
    });

    it('groups the four runs under gen_ai.conversation.id', async () => {
      expect(await conversationsView(run)).toEqual([expectedConversation(SESSION_ID, runs, rates)]);
    });
  });

  it('reports no unmapped span names for the agent’s owner (the step spans are structure, not unknown)', async () => {
    expect(await unmappedView(run)).toEqual([]);
  });
});
