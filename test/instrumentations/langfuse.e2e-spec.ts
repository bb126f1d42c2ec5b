/**
 * The Langfuse SDK (@langfuse/otel span processor, the openai SDK wrapped by @langfuse/openai's
 * observeOpenAI, an agent observation and a tool observation) pointed at Fleetwatch by its base URL
 * alone: it posts to /api/public/otel/v1/traces with Basic auth, public key = the Fleetwatch key's
 * prefix, secret key = the key.
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
import { EmittedSpan } from './otlp-recording.proxy';
import { conversationsView, expectedConversation, expectedRun, RunExpectation, runDetail, runsView, unmappedView } from './runs.kit';
import { costView, expectedCostView, ExpectedCall, expectedLlmCalls, expectedToolCall, reported, storedLlmCalls, storedToolCalls } from './stored-calls.kit';

const LANGFUSE_PATH = '/api/public/otel/v1/traces';

/** Langfuse reports the first token as an absolute time (JSON-quoted ISO string) next to the span start. */
function ttftOf(span: EmittedSpan): number {
  const first = Date.parse(JSON.parse(span.attributes['langfuse.observation.completion_start_time'] as string) as string);
  return first - Number(span.startNs) / 1e6;
}

describe('Langfuse SDK → Fleetwatch (Langfuse-compatible path)', () => {
  let run: InstrumentationRun;
  let rates: Rates;
  let agentSpan: EmittedSpan;
  let toolSpan: EmittedSpan;
  let calls: ExpectedCall[];

  beforeAll(async () => {
    run = await runInstrumentation('otel-js', 'langfuse', { keyForm: 'prefix:key' });
    rates = await catalogueRates(run.t, run.owner);
    [agentSpan] = emitted(run, 'weather-agent');
    [toolSpan] = emitted(run, TOOL_NAME);
    const [usage, tool, toolAnswer, stream, fail] = emitted(run, 'OpenAI.chat');
    // usage_details `input` excludes cached tokens and `output` excludes reasoning: the totals are input + cached, output + reasoning.
    const all = { cacheRead: true, reasoning: true };
    // langfuse.observation.model.name is the only model: the answer's, or the requested one for a stream and a failure.
    calls = [
      { span: usage, model: RESPONSE_MODEL, responseModel: null, usage: reported(USAGE_STEP, all) },
      { span: tool, model: RESPONSE_MODEL, responseModel: null, usage: reported(TOOL_CALL_STEP, all) },
      { span: toolAnswer, model: RESPONSE_MODEL, responseModel: null, usage: reported(TOOL_ANSWER_STEP, all) },
      {
        span: stream,
        model: REQUEST_MODEL,
        responseModel: null,
        usage: reported(STREAM_STEP, all),
        ttftMs: expect.closeTo(ttftOf(stream), 3),
      },
      // Langfuse marks a failure only with level=ERROR and a status message (the span status stays UNSET).
      { span: fail, model: REQUEST_MODEL, responseModel: null, usage: NO_TOKENS, errorType: `Error: 500 ${FAIL_MESSAGE}` },
    ];
  }, SETUP_GUARD_MS);

  afterAll(async () => {
    await run?.close();
  });

  it('runs the whole scenario; Fleetwatch accepts the Basic-auth exports on the Langfuse path without a warning', () => {
    expect({ code: run.result.code, stderr: run.result.stderr }).toEqual({ code: 0, stderr: '' });
    expect(run.mock.requests.map((r) => r.step)).toEqual(['usage', 'tool', 'tool-result', 'stream', 'fail']);
    const basic = `Basic ${Buffer.from(`${run.keyPrefix}:${run.key}`).toString('base64')}`;
    expect(run.proxy.exports.length).toBeGreaterThan(0);
    expect(run.proxy.exports.map((e) => e.authorization)).toEqual(run.proxy.exports.map(() => basic));
    expect(exportAnswers(run)).toEqual(run.proxy.exports.map(() => ({ path: LANGFUSE_PATH, status: 200, partialSuccess: null })));
    expect(rates).toEqual(GPT_4O_MINI_LIST_PRICE);
  });

  it('stores each generation once with its usage details re-added into totals, the error level as an error, priced from the catalogue', async () => {
    expect(await storedLlmCalls(run.t, run.agent.id)).toEqual(expectedLlmCalls(calls, rates));
  });

  it('stores the tool observation as the get_weather tool call', async () => {
    expect(await storedToolCalls(run.t, run.agent.id)).toEqual([expectedToolCall(toolSpan, TOOL_NAME)]);
  });

  it('answers the agent cost with every call counted once at the catalogue rates', async () => {
    // Langfuse sends no provider attribute: the calls carry the provider of the catalogue price that matched.
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

    it('makes the agent observation one run holding the five generations and the tool', async () => {
      expect(await runsView(run)).toEqual([expectedRun(expected, rates)]);
    });

    it('lists the run’s calls in time order under the agent observation', async () => {
      const [listed] = await runsView(run);
      expect(await runDetail(run, listed.key)).toEqual(expectedRun(expected, rates, { withCalls: true, key: listed.key }));
    });

    it('groups the run under its session id', async () => {
      expect(await conversationsView(run)).toEqual([expectedConversation(SESSION_ID, [expected], rates)]);
    });
  });

  it('reports no unmapped span names for the agent’s owner', async () => {
    expect(await unmappedView(run)).toEqual([]);
  });
});
