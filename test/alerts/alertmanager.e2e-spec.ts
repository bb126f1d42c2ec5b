import { ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createAgent, createUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ALERT_ENV, alignedNow, createChannel, createRule, deliver, everyMinute, insertSamples, MINUTE, step } from './alerts-support';

/** Debian names the binary prometheus-alertmanager; upstream builds call it alertmanager. */
function findAlertmanager(): string | undefined {
  for (const name of ['alertmanager', 'prometheus-alertmanager']) {
    if (spawnSync('sh', ['-c', `command -v ${name}`]).status === 0) return name;
  }
  return undefined;
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('alertmanager did not become ready');
}

const binary = findAlertmanager();

describe('alertmanager channel against a real Alertmanager', () => {
  let t: TestApp;
  let am: ChildProcess | undefined;
  let dir: string;
  let amUrl: string;

  beforeAll(async () => {
    if (!binary) return;
    dir = mkdtempSync(join(tmpdir(), 'fw-alertmanager-'));
    writeFileSync(join(dir, 'am.yml'), 'route:\n  receiver: blackhole\nreceivers:\n  - name: blackhole\n');
    const port = await freePort();
    amUrl = `http://127.0.0.1:${port}`;
    am = spawn(
      binary,
      [`--config.file=${join(dir, 'am.yml')}`, `--storage.path=${join(dir, 'data')}`, `--web.listen-address=127.0.0.1:${port}`, '--cluster.listen-address='],
      { stdio: 'ignore' },
    );
    await waitReady(amUrl);
    // In the past, so the resolve's endsAt is already over for Alertmanager's own clock.
    t = await startTestApp({ env: ALERT_ENV, now: new Date(alignedNow().getTime() - 60 * MINUTE) });
  });
  afterAll(async () => {
    if (!binary) return;
    await t?.close();
    // Alertmanager writes its snapshot while shutting down: remove its folder only once it has exited.
    if (am && am.exitCode === null && am.signalCode === null) {
      const exited = new Promise((done) => am!.once('exit', done));
      am.kill('SIGTERM');
      await exited;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('shows the alert in Alertmanager while firing and not after it resolved', async () => {
    if (!binary) {
      console.log('alertmanager binary not found (Debian package prometheus-alertmanager): real-Alertmanager check not run');
      return;
    }
    const user = await createUser(t.client, t.sql);
    const agent = await createAgent(t.client, user, { name: 'am-bot' });
    const T0 = new Date(t.clock.now().getTime() + MINUTE);
    await insertSamples(t.sql, agent.id, 'cpu', [...everyMinute(T0, -5, 0, 95), ...everyMinute(T0, 1, 3, 5)]);
    const channel = await createChannel(t, user, { type: 'alertmanager', url: amUrl, secret: undefined });
    const rule = await createRule(t, user, { name: 'HighCpu', windowMinutes: 1, severity: 'critical', channelIds: [channel.id] });
    const query = async () => {
      const response = await fetch(`${amUrl}/api/v2/alerts?filter=${encodeURIComponent(`rule_id="${rule.id}"`)}`);
      return (await response.json()) as { labels: Record<string, string>; status: { state: string }; startsAt: string }[];
    };

    await step(t);
    await deliver(t);
    const firing = await query();
    expect(firing).toHaveLength(1);
    expect(firing[0].labels).toEqual({ alertname: 'HighCpu', severity: 'critical', agent: 'am-bot', agent_id: agent.id, rule_id: rule.id });
    expect(firing[0].status.state).toBe('active');
    expect(Date.parse(firing[0].startsAt)).toBe(T0.getTime());

    await step(t);
    await deliver(t);
    const deliveries = await t.client.get('/api/alerts/deliveries', user.auth);
    expect(deliveries.body.map((d: { event: string; status: string }) => [d.event, d.status])).toEqual([
      ['alert.resolved', 'delivered'],
      ['alert.firing', 'delivered'],
    ]);
    expect(await query()).toEqual([]);
  });
});
