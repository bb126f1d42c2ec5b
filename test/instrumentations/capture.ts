/**
 * Capture mode: runs every fixture script against the mock OpenAI server and the capture receiver
 * and writes what each library exported to captures/<fixture>-<script>.json, the evidence the
 * OTLP mapping is written against. Not a test; run it by hand after changing a fixture:
 *   npx tsc --outDir dist/capture --rootDir . --module commonjs --target ES2022 --esModuleInterop --skipLibCheck \
 *     test/instrumentations/capture.ts && node dist/capture/test/instrumentations/capture.js [fixture]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format, resolveConfig } from 'prettier';
import { startMockOpenAi } from './mock-openai/mock-openai.server';
import { CapturedSpan, Flat, startCaptureReceiver } from './otlp-capture.receiver';
import { ensureFixtureInstalled, FixtureName, FIXTURES, INSTRUMENTATIONS_DIR, runFixture } from './run-fixture';

/** Values that differ per machine and run (hosts, pids, paths in stack traces): kept as keys only, so captures diff cleanly. */
function scrub(spans: CapturedSpan[]): CapturedSpan[] {
  const resource = (r: Flat): Flat => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, /^(host|process)\./.test(k) ? '<volatile>' : v]));
  const stack = (a: Flat): Flat => ('exception.stacktrace' in a ? { ...a, 'exception.stacktrace': String(a['exception.stacktrace']).split('\n')[0] } : a);
  return spans.map((s) => ({ ...s, resource: resource(s.resource), events: s.events.map((e) => ({ ...e, attributes: stack(e.attributes) })) }));
}

export const CAPTURE_KEY = 'fw_capture_public:fw_capture_secret';
export const CAPTURE_AGENT = 'agent-capture-0001';

/** `only`: a fixture name or fixture/script to capture just that. */
async function main(only?: string): Promise<void> {
  const out = join(INSTRUMENTATIONS_DIR, 'captures');
  mkdirSync(out, { recursive: true });
  const mock = await startMockOpenAi();
  const receiver = await startCaptureReceiver();
  let failed = false;
  try {
    for (const [fixture, scripts] of Object.entries(FIXTURES) as Array<[FixtureName, readonly string[]]>) {
      if (only && only !== fixture && !only.startsWith(`${fixture}/`)) continue;
      await ensureFixtureInstalled(fixture);
      for (const script of scripts) {
        if (only && only !== fixture && only !== `${fixture}/${script}`) continue;
        mock.requests.length = 0;
        receiver.reset();
        const env = { FLEETWATCH_URL: receiver.url, FLEETWATCH_KEY: CAPTURE_KEY, MOCK_OPENAI_URL: mock.url, AGENT_ID: CAPTURE_AGENT };
        const result = await runFixture(fixture, script, env);
        if (result.code !== 0) failed = true;
        const capture = {
          fixture,
          script,
          exitCode: result.code,
          stderr: result.stderr.split('\n').filter(Boolean),
          exports: receiver.exports.map((e) => ({ ...e, authorization: e.authorization.replace(/\s.+$/, ' <redacted>') })),
          mockRequests: mock.requests.map(({ api, step, model, stream, status }) => ({ api, step, model, stream, status })),
          spans: scrub(receiver.spans()),
          metrics: receiver.metrics(),
        };
        const file = join(out, `${fixture}-${script}.json`);
        // Formatted as the repository's prettier check wants it, so a fresh capture commits as is.
        writeFileSync(file, await format(JSON.stringify(capture), { ...(await resolveConfig(file)), parser: 'json' }));
        console.log(
          `${fixture}/${script}: exit ${result.code}, ${capture.spans.length} spans, ${capture.metrics.length} metrics, ${capture.mockRequests.length} model requests`,
        );
      }
    }
  } finally {
    await receiver.close();
    await mock.close();
  }
  if (failed) process.exitCode = 1;
}

if (require.main === module) void main(process.argv[2]);
