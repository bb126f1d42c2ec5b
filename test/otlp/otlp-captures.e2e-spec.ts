import { createAgent, createApiKey, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { readCapture, replay } from './otlp-capture.replay';
import { gpt4oMiniCost, sendTraces, storedCalls, storedRuns, storedTools } from './otlp-conventions-kit';

const MINI = 'gpt-4o-mini';
const SNAPSHOT = 'gpt-4o-mini-2024-07-18';
const FAILED = 'The mock upstream failed on purpose.';

/** [model, response model, input, cache read, cache write, output, reasoning, error type or null] per stored call. */
type Call = [string, string | null, number, number, number, number, number, string | null];
const ok = (model: string, response: string | null, input: number, cacheRead: number, cacheWrite: number, output: number, reasoning: number): Call => [
  model,
  response,
  input,
  cacheRead,
  cacheWrite,
  output,
  reasoning,
  null,
];

interface Case {
  capture: string;
  path?: string;
  calls: Call[];
  tools: string[];
  /** [name, status] of each run, in start order. */
  runs: [string, string][];
}

/**
 * What each real library exported in the fixture projects (the mock served: 1,200 input tokens of
 * which 1,000 cached (and 150 cache writes on the Responses API), 300 output of which 120
 * reasoning; a tool round of 400/25 and 450/40; a streamed 80/12; an HTTP 500), replayed through
 * the receiver: stored exactly as the library reported it, each call once.
 */
const CASES: Case[] = [
  {
    capture: 'otel-js-openai-instrumentation.json',
    // @opentelemetry/instrumentation-openai reports no cached or reasoning tokens.
    calls: [
      ok(MINI, SNAPSHOT, 1200, 0, 0, 300, 0),
      ok(MINI, SNAPSHOT, 400, 0, 0, 25, 0),
      ok(MINI, SNAPSHOT, 450, 0, 0, 40, 0),
      ok(MINI, SNAPSHOT, 80, 0, 0, 12, 0),
      [MINI, null, 0, 0, 0, 0, 0, 'InternalServerError'],
    ],
    tools: [],
    runs: [['weather-agent', 'success']],
  },
  {
    capture: 'otel-js-ai-sdk-telemetry.json',
    calls: [
      ok(MINI, SNAPSHOT, 1200, 1000, 150, 300, 120),
      ok(MINI, SNAPSHOT, 400, 0, 0, 25, 0),
      ok(MINI, SNAPSHOT, 450, 0, 0, 40, 0),
      ok(MINI, SNAPSHOT, 80, 0, 0, 12, 0),
      [MINI, null, 0, 0, 0, 0, 0, FAILED],
    ],
    tools: ['get_weather'],
    runs: [
      ['weather-agent.usage', 'success'],
      ['weather-agent.tool', 'success'],
      ['weather-agent.stream', 'success'],
      ['weather-agent.fail', 'error'],
    ],
  },
  {
    capture: 'ai-sdk-7-ai-sdk-otel.json',
    // @ai-sdk/otel reports no reasoning count (the 120 stay inside the 300 output tokens).
    calls: [
      ok(MINI, SNAPSHOT, 1200, 1000, 150, 300, 0),
      ok(MINI, SNAPSHOT, 400, 0, 0, 25, 0),
      ok(MINI, SNAPSHOT, 450, 0, 0, 40, 0),
      ok(MINI, SNAPSHOT, 80, 0, 0, 12, 0),
      [MINI, null, 0, 0, 0, 0, 0, FAILED],
    ],
    tools: ['get_weather'],
    runs: [
      ['weather-agent', 'success'],
      ['weather-agent', 'success'],
      ['weather-agent', 'success'],
      ['weather-agent', 'error'],
    ],
  },
  {
    capture: 'otel-js-openinference.json',
    // OpenInference: no tokens for the streamed call, no span at all for the failed one.
    calls: [
      ok(MINI, SNAPSHOT, 1200, 1000, 0, 300, 120),
      ok(MINI, SNAPSHOT, 400, 0, 0, 25, 0),
      ok(MINI, SNAPSHOT, 450, 0, 0, 40, 0),
      ok(MINI, null, 0, 0, 0, 0, 0),
    ],
    tools: [],
    runs: [['weather-agent', 'success']],
  },
  {
    capture: 'traceloop-traceloop.json',
    // OpenLLMetry: no cache or reasoning counts, its own (wrong) count for the streamed call, no span for the failed one.
    calls: [
      ok(MINI, SNAPSHOT, 1200, 0, 0, 300, 0),
      ok(MINI, SNAPSHOT, 400, 0, 0, 25, 0),
      ok(MINI, SNAPSHOT, 450, 0, 0, 40, 0),
      ok(MINI, SNAPSHOT, 9, 0, 0, 6, 0),
    ],
    tools: ['get_weather'],
    runs: [['weather-agent', 'success']],
  },
  {
    capture: 'otel-js-langfuse.json',
    path: '/api/public/otel/v1/traces',
    // Langfuse names the answering model (no request model) and reports the failed call by level only.
    calls: [
      ok(SNAPSHOT, null, 1200, 1000, 0, 300, 120),
      ok(SNAPSHOT, null, 400, 0, 0, 25, 0),
      ok(SNAPSHOT, null, 450, 0, 0, 40, 0),
      ok(MINI, null, 80, 0, 0, 12, 0),
      [MINI, null, 0, 0, 0, 0, 0, `Error: 500 ${FAILED}`],
    ],
    tools: ['get_weather'],
    runs: [['weather-agent', 'success']],
  },
];

describe('OTLP: what the real instrumentation libraries exported (captures), replayed', () => {
  let t: TestApp;
  let owner: TestUser;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp();
    owner = await createUser(t.client, t.sql);
    key = await createApiKey(t.client, owner, ['ingest']);
  });
  afterAll(async () => {
    await t.close();
  });

  it.each(CASES.map((c) => [c.capture, c] as const))('%s: every call once, tokens by type, cost, tool calls and runs', async (_, c) => {
    const agent = await createAgent(t.client, owner);
    const { body, traceIds } = replay(readCapture(c.capture), agent.id, t.clock.now().getTime() - 60_000);
    const auth = c.path ? { authorization: `Basic ${Buffer.from(`${key.slice(0, 15)}:${key}`).toString('base64')}` } : { apiKey: key };
    expect(await sendTraces(t, body, 'json', auth, c.path)).toEqual({ status: 200 });
    const calls = await storedCalls(t, agent.id);
    expect(
      calls.map((r) => [
        r.model,
        r.response_model,
        r.input_tokens,
        r.cache_read_input_tokens,
        r.cache_creation_input_tokens,
        r.output_tokens,
        r.reasoning_output_tokens,
        r.error_type,
      ]),
    ).toEqual(c.calls);
    expect(calls.map((r) => r.cost_usd)).toEqual(c.calls.map(([, , input, cacheRead, , output]) => gpt4oMiniCost(input, cacheRead, output)));
    expect(calls.map((r) => r.status)).toEqual(c.calls.map((call) => (call[7] === null ? 'success' : 'error')));
    expect(calls.every((r) => traceIds.includes(r.run_id as string))).toBe(true);
    expect((await storedTools(t, agent.id)).map((r) => r.tool)).toEqual(c.tools);
    const runs = await storedRuns(t, agent.id);
    expect(runs.map((r) => [r.name, r.status])).toEqual(c.runs);
    expect(runs.reduce((n, r) => n + Number(r.llm_calls), 0)).toBe(c.calls.length);
  });
});
