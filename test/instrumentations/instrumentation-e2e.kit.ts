/**
 * One real instrumentation library against the real Fleetwatch: the test app listens on a port, a
 * user owns an agent and an ingest key, the fixture script runs the mock scenario as a child
 * process and exports through a recording proxy to the app. Each spec file runs this once
 * (beforeAll) and asserts what a user would check.
 */
import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { listen } from '../otlp/otlp-test-kit';
import { MockOpenAi, startMockOpenAi } from './mock-openai/mock-openai.server';
import { EmittedSpan, RecordingProxy, startRecordingProxy } from './otlp-recording.proxy';
import { ensureFixtureInstalled, FixtureName, FixtureResult, runFixture } from './run-fixture';

/** Freeze guard for a cold `npm ci` of a fixture plus the app start and one script run. */
export const SETUP_GUARD_MS = 300_000;

export interface InstrumentationRun {
  t: TestApp;
  owner: TestUser;
  agent: TestAgent;
  /** The Fleetwatch API key the fixture was given (ingest scope) and its public prefix. */
  key: string;
  keyPrefix: string;
  mock: MockOpenAi;
  proxy: RecordingProxy;
  result: FixtureResult;
  close(): Promise<void>;
}

export interface RunOptions {
  /** How the fixture receives the key: the key itself, or `prefix:key` (Langfuse's public:secret pair). */
  keyForm?: 'key' | 'prefix:key';
}

export async function runInstrumentation(fixture: FixtureName, script: string, options: RunOptions = {}): Promise<InstrumentationRun> {
  const [t] = await Promise.all([startTestApp(), ensureFixtureInstalled(fixture)]);
  const base = await listen(t);
  const owner = await createUser(t.client, t.sql);
  const agent = await createAgent(t.client, owner, { name: `${script}-agent` });
  const created = await t.client.post('/api/auth/api-keys', owner.auth).send({ name: `${script} exporter`, scopes: ['ingest'] });
  if (created.status !== 201) throw new Error(`create api key: ${created.status} ${JSON.stringify(created.body)}`);
  const { key, prefix } = created.body as { key: string; prefix: string };
  const mock = await startMockOpenAi();
  const proxy = await startRecordingProxy(base);
  const result = await runFixture(fixture, script, {
    FLEETWATCH_URL: proxy.url,
    FLEETWATCH_KEY: options.keyForm === 'prefix:key' ? `${prefix}:${key}` : key,
    MOCK_OPENAI_URL: mock.url,
    AGENT_ID: agent.id,
  });
  // The app's clock was frozen at start; reads ("the last 30 days") must include the calls just made.
  t.clock.set(new Date(Date.now() + 1000));
  return {
    t,
    owner,
    agent,
    key,
    keyPrefix: prefix,
    mock,
    proxy,
    result,
    close: async () => {
      await proxy.close();
      await mock.close();
      await t.close();
    },
  };
}

/** The spans the library emitted with this name, in the order they ended (a retried export's spans once). */
export function emitted(run: InstrumentationRun, name: string | RegExp): EmittedSpan[] {
  const unique = new Map(run.proxy.spans.map((s) => [`${s.traceId}/${s.spanId}`, s]));
  return [...unique.values()]
    .filter((s) => (typeof name === 'string' ? s.name === name : name.test(s.name)))
    .sort((a, b) => (a.endNs < b.endNs ? -1 : a.endNs > b.endNs ? 1 : 0));
}

/** Duration of a span in ms, as the OTLP mapping computes it (nanoseconds, not rounded). */
export function spanMs(span: EmittedSpan): number {
  return Number(span.endNs - span.startNs) / 1e6;
}

export function spanEndIso(span: EmittedSpan): string {
  return new Date(Number(span.endNs / 1_000_000n)).toISOString();
}

export function spanStartIso(span: EmittedSpan): string {
  return new Date(Number(span.startNs / 1_000_000n)).toISOString();
}

/** Every export the fixture made reached Fleetwatch and was answered 200 (errorBody shows why not). */
export function exportAnswers(run: InstrumentationRun): Array<{ path: string; status: number; partialSuccess: unknown; errorBody?: string }> {
  return run.proxy.exports.map((e) => ({
    path: e.path,
    status: e.status,
    partialSuccess: e.partialSuccess,
    ...(e.errorBody ? { errorBody: e.errorBody } : {}),
  }));
}
