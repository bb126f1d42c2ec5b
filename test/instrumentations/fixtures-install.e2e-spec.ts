/**
 * Smoke check of the instrumentation fixtures: each project installs from its lock file, and each
 * script runs the whole scenario against the mock OpenAI server and exports OTLP to a capture
 * receiver with the agent id and the credentials it was given. What the spans mean is for the
 * mapping's own specs; this only proves the fixtures they rely on work.
 */
import { MockOpenAi, startMockOpenAi } from './mock-openai/mock-openai.server';
import { REQUEST_MODEL } from './mock-openai/mock-openai.scenario';
import { CaptureReceiver, startCaptureReceiver } from './otlp-capture.receiver';
import { ensureFixtureInstalled, FixtureName, FIXTURES, runFixture } from './run-fixture';

const KEY = 'fw_smoke_public:fw_smoke_secret';
const AGENT = 'agent-smoke-0001';
/** Generous freeze guard for a clean `npm ci` of every fixture on a cold cache. */
const INSTALL_GUARD_MS = 600_000;

/** The scripts that go through the AI SDK call the Responses API; the others Chat Completions. */
const RESPONSES_API = new Set(['ai-sdk-telemetry', 'ai-sdk-otel']);

const cases = (Object.entries(FIXTURES) as Array<[FixtureName, readonly string[]]>).flatMap(([fixture, scripts]) =>
  scripts.map((script) => [fixture, script] as const),
);

describe('instrumentation fixtures', () => {
  let mock: MockOpenAi;
  let receiver: CaptureReceiver;

  beforeAll(async () => {
    for (const fixture of Object.keys(FIXTURES) as FixtureName[]) await ensureFixtureInstalled(fixture);
    mock = await startMockOpenAi();
    receiver = await startCaptureReceiver();
  }, INSTALL_GUARD_MS);

  afterAll(async () => {
    await receiver?.close();
    await mock?.close();
  });

  beforeEach(() => {
    mock.requests.length = 0;
    receiver.reset();
  });

  it.each(cases)('%s/%s runs the scenario and exports its spans to the given endpoint', async (fixture, script) => {
    const result = await runFixture(fixture, script, { FLEETWATCH_URL: receiver.url, FLEETWATCH_KEY: KEY, MOCK_OPENAI_URL: mock.url, AGENT_ID: AGENT });
    expect({ code: result.code, stderr: result.stderr }).toEqual({ code: 0, stderr: '' });

    const api = RESPONSES_API.has(script) ? 'responses' : 'chat.completions';
    expect(mock.requests.map((r) => ({ api: r.api, step: r.step, model: r.model, stream: r.stream, status: r.status }))).toEqual([
      { api, step: 'usage', model: REQUEST_MODEL, stream: false, status: 200 },
      { api, step: 'tool', model: REQUEST_MODEL, stream: false, status: 200 },
      { api, step: 'tool-result', model: REQUEST_MODEL, stream: false, status: 200 },
      { api, step: 'stream', model: REQUEST_MODEL, stream: true, status: 200 },
      { api, step: 'fail', model: REQUEST_MODEL, stream: false, status: 500 },
    ]);

    const langfuse = script === 'langfuse';
    const expectedExport = langfuse
      ? { path: '/api/public/otel/v1/traces', authorization: `Basic ${Buffer.from(KEY).toString('base64')}` }
      : { path: '/api/otlp/v1/traces', authorization: `Bearer ${KEY}` };
    const traceExports = receiver.exports.filter((e) => e.path.endsWith('/v1/traces'));
    expect(traceExports.length).toBeGreaterThan(0);
    for (const e of traceExports) expect({ path: e.path, authorization: e.authorization }).toEqual(expectedExport);

    const spans = receiver.spans();
    expect(spans.length).toBeGreaterThanOrEqual(4);
    expect(new Set(spans.map((s) => s.resource['fleetwatch.agent.id']))).toEqual(new Set([AGENT]));
  });
});
