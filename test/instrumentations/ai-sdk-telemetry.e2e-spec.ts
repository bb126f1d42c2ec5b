/**
 * The Vercel AI SDK 6 built-in telemetry (`experimental_telemetry`, `ai.*` spans) with @ai-sdk/openai
 * on the Responses API, exported as OTLP/JSON. Each generateText / streamText is a root span whose
 * `ai.usage.*` sums its `.doGenerate` / `.doStream` children: the children are the calls, the roots
 * the runs, and nothing may be counted twice.
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
import { costView, expectedCostView, ExpectedCall, expectedLlmCalls, expectedToolCall, reported, storedLlmCalls, storedToolCalls } from './stored-calls.kit';

/** The AI SDK's provider id `openai.responses` (its OpenAI Responses API provider) names the provider `openai`. */
const OPENAI_PROVIDER = 'openai';

describe('Vercel AI SDK 6 built-in telemetry → Fleetwatch', () => {
  let run: InstrumentationRun;
  let rates: Rates;
  let calls: ExpectedCall[];
  let runs: RunExpectation[];

  beforeAll(async () => {
    run = await runInstrumentation('otel-js', 'ai-sdk-telemetry');
    rates = await catalogueRates(run.t, run.owner);
    const [usage, tool, toolAnswer, stream, fail] = emitted(run, /^ai\.(generateText\.doGenerate|streamText\.doStream)$/);
    const all = { cacheRead: true, cacheWrite: true, reasoning: true };
    calls = [
      { span: usage, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(USAGE_STEP, all) },
      { span: tool, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(TOOL_CALL_STEP, all) },
      { span: toolAnswer, model: REQUEST_MODEL, responseModel: RESPONSE_MODEL, usage: reported(TOOL_ANSWER_STEP, all) },
      {
        span: stream,
        model: REQUEST_MODEL,
        responseModel: RESPONSE_MODEL,
        usage: reported(STREAM_STEP, all),
        ttftMs: stream.attributes['ai.response.msToFirstChunk'] as number,
      },
      // The failed call carries no usage and no error type: the span status message is the error.
      { span: fail, model: REQUEST_MODEL, responseModel: null, usage: NO_TOKENS, errorType: FAIL_MESSAGE },
    ];
    const roots = emitted(run, /^ai\.(generateText|streamText)$/).sort((a, b) => (a.startNs < b.startNs ? -1 : 1));
    const [toolSpan] = emitted(run, 'ai.toolCall');
    const inRoot = (i: number) => calls.filter((c) => c.span.traceId === roots[i].traceId);
    // The function id is the run's name; the session travels as telemetry metadata (ai.telemetry.metadata.sessionId).
    runs = ['usage', 'tool', 'stream', 'fail'].map((step, i) => ({
      root: roots[i],
      name: `weather-agent.${step}`,
      conversationId: SESSION_ID,
      status: step === 'fail' ? 'error' : 'success',
      calls: inRoot(i),
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
    expect(answers.length).toBeGreaterThan(0);
    expect(answers.filter((e) => e.path !== '/api/otlp/v1/traces' || e.status !== 200 || e.partialSuccess !== null)).toEqual([]);
    expect(rates).toEqual(GPT_4O_MINI_LIST_PRICE);
  });

  it('stores the five .doGenerate / .doStream spans as the LLM calls, none of the parents, with usage by type and time to first token', async () => {
    expect(await storedLlmCalls(run.t, run.agent.id)).toEqual(expectedLlmCalls(calls, rates));
  });

  it('stores the ai.toolCall span as the get_weather tool call', async () => {
    const [toolSpan] = emitted(run, 'ai.toolCall');
    expect(await storedToolCalls(run.t, run.agent.id)).toEqual([expectedToolCall(toolSpan, TOOL_NAME)]);
  });

  it('answers the agent cost with every call counted once at the catalogue rates (the parents’ sums are not added)', async () => {
    expect(await costView(run.t, run.owner, run.agent.id)).toEqual(expectedCostView(calls, rates, OPENAI_PROVIDER));
  });

  describe('runs and conversations', () => {
    it('makes each generateText / streamText root one run with its steps, the failed one in error', async () => {
      expect(await runsView(run)).toEqual(expectedRuns(runs, rates));
    });

    it('lists the tool run’s calls in time order: the model asks, the tool runs, the model answers', async () => {
      const listed = await runsView(run);
      const toolRun = listed.find((r) => r.name === 'weather-agent.tool');
      expect(toolRun).toBeDefined();
      expect(await runDetail(run, toolRun!.key)).toEqual(expectedRun(runs[1], rates, { withCalls: true, key: toolRun!.key }));
    });

    it('groups the four runs under the session id', async () => {
      expect(await conversationsView(run)).toEqual([expectedConversation(SESSION_ID, runs, rates)]);
    });
  });

  it('reports no unmapped span names for the agent’s owner', async () => {
    expect(await unmappedView(run)).toEqual([]);
  });
});
