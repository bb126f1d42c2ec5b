import { spawnSync } from 'node:child_process';
import { JobScheduler } from '@fleetwatch/database';
import { ROLLUP_JOB } from '@fleetwatch/metrics';
import { createAgent, createUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

/** CI must run the lint; elsewhere a missing promtool only skips it. */
const inCi = (): boolean => process.env.CI === 'true';

const hasPromtool = spawnSync('sh', ['-c', 'command -v promtool']).status === 0;

describe('hardening: GET /metrics passes `promtool check metrics`', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t.close();
  });

  it('lints clean after requests, a failed login and a job run', async () => {
    if (!hasPromtool) {
      if (inCi()) throw new Error('promtool is required in CI (Debian package prometheus)');
      console.log('promtool not found (Debian package prometheus): exposition lint not run');
      return;
    }
    // Some traffic and a job run, so request, job and domain series exist, not only process ones.
    const user = await createUser(t.client, t.sql);
    await createAgent(t.client, user, { name: 'promtool-bot' });
    expect((await t.client.get('/api/agents/00000000-0000-7000-8000-000000000000', user.auth)).status).toBe(404);
    await t.client.post('/api/auth/login').send({ email: user.email, password: 'wrong-password' });
    await t.get(JobScheduler).runNow(ROLLUP_JOB);

    const res = await t.client.get('/metrics');
    expect(res.status).toBe(200);
    const lint = spawnSync('promtool', ['check', 'metrics'], { input: res.text, encoding: 'utf8' });
    expect({ status: lint.status, stdout: lint.stdout, stderr: lint.stderr }).toEqual({ status: 0, stdout: '', stderr: '' });
    // What the dropped `_total` gauges counted is still exported, by type.
    expect(res.text).toMatch(/^# TYPE fleetwatch_nodejs_active_handles gauge$/m);
    expect(res.text).not.toMatch(/^fleetwatch_nodejs_active_(handles|requests|resources)_total/m);
  });
});
