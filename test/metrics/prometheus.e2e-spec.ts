import { JobScheduler } from '@fleetwatch/database';
import { ROLLUP_JOB } from '@fleetwatch/rollups';
import { createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A strict reader of the Prometheus text format: every line is a comment, blank, or a sample. */
function parseExposition(text: string): Sample[] {
  const samples: Sample[] = [];
  const line = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? (-?[0-9.eE+-]+|NaN|\+Inf|-Inf)( -?[0-9]+)?$/;
  for (const raw of text.split('\n')) {
    if (raw === '' || raw.startsWith('# HELP ') || raw.startsWith('# TYPE ')) continue;
    const match = line.exec(raw);
    if (!match) throw new Error(`not Prometheus text: ${raw}`);
    const labels: Record<string, string> = {};
    for (const pair of (match[3] ?? '').match(/[a-zA-Z_][a-zA-Z0-9_]*="(?:[^"\\]|\\.)*"/g) ?? []) {
      const at = pair.indexOf('=');
      labels[pair.slice(0, at)] = pair.slice(at + 2, -1);
    }
    samples.push({ name: match[1], labels, value: Number(match[4]) });
  }
  return samples;
}

describe('GET /metrics (Prometheus)', () => {
  let t: TestApp;
  let user: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    user = await createUser(t.client, t.sql);
  });
  afterAll(async () => {
    await t?.close();
  });

  it('exposes process metrics, HTTP timings by route pattern and job runs as valid text', async () => {
    expect((await t.client.get('/api/agents', user.auth)).status).toBe(200);
    expect((await t.client.get('/api/agents/00000000-0000-7000-8000-000000000000', user.auth)).status).toBe(404);
    await t.get(JobScheduler).runNow(ROLLUP_JOB);
    const res = await t.client.get('/metrics');
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    const samples = parseExposition(res.text);
    const find = (name: string, labels: Record<string, string>): Sample | undefined =>
      samples.find((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
    expect(find('fleetwatch_process_cpu_user_seconds_total', {})).toBeDefined();
    expect(find('fleetwatch_http_request_duration_seconds_count', { method: 'GET', route: '/api/agents', status_code: '200' })!.value).toBeGreaterThanOrEqual(
      1,
    );
    expect(
      find('fleetwatch_http_request_duration_seconds_count', { method: 'GET', route: '/api/agents/:id', status_code: '404' })!.value,
    ).toBeGreaterThanOrEqual(1);
    expect(samples.some((s) => s.labels.route?.includes('00000000-0000'))).toBe(false);
    expect(find('fleetwatch_job_runs_total', { job: ROLLUP_JOB, outcome: 'ok' })!.value).toBeGreaterThanOrEqual(1);
    expect(find('fleetwatch_job_duration_seconds_count', { job: ROLLUP_JOB })!.value).toBeGreaterThanOrEqual(1);
  });

  it('keeps GET /api/metrics (seed 000) under the API prefix', async () => {
    const res = await t.client.get('/api/metrics', user.auth);
    expect(res.status).toBe(200);
    expect(res.body.status).toBe('ok');
  });

  describe('with METRICS_TOKEN set', () => {
    let guarded: TestApp;
    beforeAll(async () => {
      guarded = await startTestApp({ env: { METRICS_TOKEN: 'scrape-secret' } });
    });
    afterAll(async () => {
      await guarded?.close();
    });

    it('requires the bearer token', async () => {
      expect((await guarded.client.get('/metrics')).status).toBe(401);
      expect((await guarded.client.get('/metrics').set('Authorization', 'Bearer wrong-secret')).status).toBe(401);
      const ok = await guarded.client.get('/metrics').set('Authorization', 'Bearer scrape-secret');
      expect(ok.status).toBe(200);
      expect(parseExposition(ok.text).length).toBeGreaterThan(0);
    });

    it('answers an unexpected failure of GET /api/metrics with the seed body', async () => {
      const someone = await createUser(guarded.client, guarded.sql);
      await guarded.sql.query('alter table service_heartbeats rename to service_heartbeats_gone');
      const res = await guarded.client.get('/api/metrics', someone.auth);
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ error: 'Failed to fetch metrics', metrics: {} });
    });
  });
});
