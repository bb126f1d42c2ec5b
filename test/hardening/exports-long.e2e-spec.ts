import http from 'node:http';
import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { insertManySamples, loopbackPort } from './exports-support';

const NOW = '2026-11-20T12:00:00.000Z';
const SAMPLES = '/api/analytics/export?dataset=samples&start=2026-11-20T00:00:00.000Z&end=2026-11-20T12:00:00.000Z';

/** Reads a download in bursts with pauses between them, like a client on a slow link; counts CSV lines. */
function readSlowly(port: number, path: string, token: string, pauses: number, pauseMs: number): Promise<{ complete: boolean; lines: number }> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${token}` } }, (response) => {
        let lines = 0;
        let left = pauses;
        response.on('data', (chunk: Buffer) => {
          for (const byte of chunk) if (byte === 10) lines += 1;
          if (left > 0) {
            left -= 1;
            response.pause();
            setTimeout(() => response.resume(), pauseMs);
          }
        });
        response.on('error', () => undefined);
        response.once('close', () => resolve({ complete: response.complete, lines }));
      })
      .on('error', reject);
  });
}

/**
 * Every pooled connection has a statement timeout and a client read timeout just above it, so a
 * silent database answers 503 quickly. A download is one long query on its connection: it runs
 * under EXPORT_MAX_SECONDS instead, and a slow reader still receives every row.
 */
describe('a download read for longer than the statement timeout', () => {
  let t: TestApp;
  let port: number;
  let a: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { DATABASE_STATEMENT_TIMEOUT_MS: '1000' } });
    a = await createUser(t.client, t.sql);
    const agent = (await createAgent(t.client, a)).id;
    await insertManySamples(t.sql, agent, 100_000, '2026-11-20T01:00:00.000Z');
    port = await loopbackPort(t);
  });
  afterAll(() => t.close());

  it('arrives whole although reading it takes past the statement and client read timeouts (1 s + 2 s)', async () => {
    const result = await readSlowly(port, SAMPLES, a.token, 5, 1000);
    // A header line and one line per sample.
    expect(result).toEqual({ complete: true, lines: 100_001 });
  }, 60_000);
});
