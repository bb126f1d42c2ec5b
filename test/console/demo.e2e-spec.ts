import { AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { DELIVER_JOB, EVALUATE_JOB } from '@fleetwatch/alerts';
import { JobScheduler } from '@fleetwatch/database';
import { RULE_NAME } from '../../apps/cli/src/demo/alerting';
import { DEMO_FLEET } from '../../apps/cli/src/demo/fleet-plan';
import { DemoResult, runDemo } from '../../apps/cli/src/demo/run-demo';
import { startTestApp, TestApp } from '../support/test-app';

const TICKS = 10;
const SILENT_AFTER = 2;
const user = { email: 'demo-e2e@example.com', password: 'demo-e2e-password', username: 'demo-e2e' };

type Json = Record<string, unknown>;

/**
 * The demo against a real server over HTTP, as `npm run demo` runs it, only faster: a day of
 * backfill, ten ticks of 300 ms. The alert evaluator and the outbox are run by the test in the
 * middle of the stream (the server's jobs are off in tests), while the demo's webhook sink listens.
 */
describe('npm run demo', () => {
  let t: TestApp;
  let url: string;
  let result: DemoResult;
  let output = '';
  let auth: { token: string };
  const started = new Date();

  beforeAll(async () => {
    t = await startTestApp({ env: { ALLOW_PRIVATE_WEBHOOK_URLS: 'true', ALERT_REPEAT_INTERVAL_MINUTES: '0' } });
    await t.app.listen(0, '127.0.0.1');
    url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    result = await runDemo({
      url,
      user,
      backfillMs: 86_400_000,
      maxTicks: TICKS,
      tickMs: 300,
      silentAfterTicks: SILENT_AFTER,
      seed: 7,
      out,
      onTick: async (stats) => {
        if (stats.ticks !== 3) return;
        // The server's clock is the test's: bring it up to the demo's wall-clock samples, then tick.
        t.clock.set(new Date());
        await t.get(JobScheduler).runNow(EVALUATE_JOB);
        await t.get(JobScheduler).runNow(DELIVER_JOB);
      },
    });
    // Everything the demo sent is at or before now; counts below read up to here.
    t.clock.set(new Date(Date.now() + 1000));
    const login = await t.client.post('/api/auth/login').send({ email: user.email, password: user.password });
    auth = { token: login.body.accessToken as string };
  }, 60_000);

  afterAll(async () => {
    await t?.close();
  });

  const get = async (path: string): Promise<unknown> => {
    const response = await t.client.get(path, auth);
    expect(response.status).toBe(200);
    return response.body;
  };

  it('prints the demo user’s credentials and creates the eight agents with labels', async () => {
    expect(output).toContain(`email:    ${user.email}`);
    expect(output).toContain(`password: ${user.password}`);
    const agents = (await get('/api/agents')) as Json[];
    expect(agents.map((a) => a.name).sort()).toEqual(DEMO_FLEET.map((a) => a.name).sort());
    for (const plan of DEMO_FLEET) {
      expect(agents.find((a) => a.name === plan.name)?.labels).toEqual({ team: plan.team, model: plan.model, env: 'production' });
    }
  });

  it('leaves one deployment failed, one in progress and the rest succeeded', async () => {
    const byName = new Map(result.fleet.map((a) => [a.name, a.id]));
    const latest = async (name: string) => ((await get(`/api/agents/${byName.get(name)}/deployments`)) as Json[])[0];
    expect(await latest('invoice-extractor')).toMatchObject({ status: 'failed', error: expect.stringContaining('ImagePullBackOff') });
    expect(await latest('search-indexer')).toMatchObject({ status: 'in_progress' });
    for (const name of ['support-triage', 'billing-assistant', 'code-reviewer', 'research-scout', 'onboarding-guide', 'incident-summarizer']) {
      expect(await latest(name)).toMatchObject({ status: 'succeeded' });
    }
    const statuses = Object.fromEntries(((await get('/api/agents')) as Json[]).map((a) => [a.name, a.status]));
    expect(statuses).toMatchObject({ 'invoice-extractor': 'error', 'search-indexer': 'deploying', 'code-reviewer': 'running' });
  });

  it('stores exactly the samples, LLM calls and tool calls the demo sent, through ingest and OTLP', async () => {
    const s = result.stats;
    expect(s.failures).toBe(0);
    expect(s.spansFailed).toBe(0);
    expect(s.spansExported).toBe(s.chatSpans + s.toolSpans);
    // Six agents report (the failed and stuck ones do not); the silent one only for its first ticks.
    expect(s.samples).toBe(3 * (6 * SILENT_AFTER + 5 * (TICKS - SILENT_AFTER)));
    expect(s.chatSpans).toBe(6 * SILENT_AFTER + 5 * (TICKS - SILENT_AFTER));
    expect(s.backfill.samples).toBeGreaterThan(0);

    const since = new Date(started.getTime() - 2 * 86_400_000).toISOString();
    const until = t.clock.now().toISOString();
    let samples = 0;
    for (const agent of result.fleet) {
      const rows = (await get(`/api/agents/${agent.id}/metrics?since=${since}&until=${until}&limit=10000`)) as Json[];
      samples += rows.filter((r) => ['cpu', 'memory', 'messages'].includes(String(r.metric_type))).length;
    }
    expect(samples).toBe(s.backfill.samples + s.samples);

    const usage = (await get('/api/usage/aggregate?period=all_time')) as Json;
    expect(usage.requests).toBe(s.backfill.llmCalls + s.llmCalls + s.chatSpans);

    const tools = (await get(`/api/analytics/tools/summary?start_date=${since}&end_date=${until}`)) as Json;
    expect(tools.totalCalls).toBe(s.backfill.toolCalls + s.toolCalls + s.toolSpans);
    expect(tools.totalErrors).toBeGreaterThan(0);
  });

  it('fires the demo rule on the hot agent, delivers it to the demo’s sink, and it can be acknowledged', async () => {
    const hot = result.fleet.find((a) => a.role === 'hot')!;
    const firing = (await get('/api/alerts?status=firing')) as Json[];
    expect(firing).toEqual([expect.objectContaining({ ruleId: result.ruleId, ruleName: RULE_NAME, agentId: hot.id, severity: 'critical', threshold: 80 })]);
    expect(result.notifications).toEqual([{ event: 'alert.firing', headline: expect.stringContaining(`${RULE_NAME} on ${hot.name}`), signatureOk: true }]);
    expect(output).toContain('webhook sink: alert.firing');

    const ack = await t.client.post(`/api/alerts/${String(firing[0].id)}/acknowledge`, auth).send({ note: 'seen in the demo' });
    expect(ack.status).toBe(200);
    expect(ack.body).toMatchObject({ status: 'acknowledged', note: 'seen in the demo' });
  });

  it('has two agents needing attention: the failed deployment and the budget past its soft threshold', async () => {
    const fleet = (await get('/api/monitoring/fleet-status')) as {
      total: number;
      attentionCount: number;
      agents: { name: string; reasons: { code: string }[] }[];
    };
    expect(fleet.total).toBe(8);
    expect(fleet.agents.map((a) => [a.name, a.reasons.map((r) => r.code)])).toEqual([
      ['invoice-extractor', ['error']],
      ['billing-assistant', ['budget_warning']],
    ]);
    const budget = (await get(`/api/agents/${result.fleet.find((a) => a.role === 'budget')!.id}/budget`)) as Json;
    expect(budget.softThresholdPct).toBe(80);
    expect(budget.percentUsed as number).toBeGreaterThanOrEqual(80);
  });

  it('revokes its ingest key when it stops', async () => {
    const keys = (await get('/api/auth/api-keys')) as Json[];
    expect(keys).toEqual([]);
  });

  it('runs again on the same server: the same fleet, no new deployments, the old alert resolved and a fresh one delivered', async () => {
    const again = await runDemo({
      url,
      user,
      maxTicks: 3,
      tickMs: 300,
      seed: 8,
      quiet: true,
      onTick: async (stats) => {
        if (stats.ticks !== 2) return;
        // The evaluator runs once per 30 s slot: move into a later slot, keeping this run's samples in the 1-minute window.
        t.clock.set(new Date(Date.now() + 31_000));
        await t.get(JobScheduler).runNow(EVALUATE_JOB);
        await t.get(JobScheduler).runNow(DELIVER_JOB);
      },
    });
    expect(again.fleet.map((a) => a.id)).toEqual(result.fleet.map((a) => a.id));
    for (const agent of again.fleet) expect((await get(`/api/agents/${agent.id}/deployments`)) as Json[]).toHaveLength(1);
    const hot = again.fleet.find((a) => a.role === 'hot')!;
    const alerts = (await get(`/api/alerts?agentId=${hot.id}`)) as Json[];
    expect(alerts.map((a) => [a.status, a.note])).toEqual([
      ['firing', null],
      ['resolved', 'resolved by a new demo run'],
    ]);
    // The acknowledgement above was queued after the first run's sink had closed; the channel now follows this run's sink.
    expect(again.notifications.map((n) => [n.event, n.signatureOk])).toEqual([
      ['alert.acknowledged', true],
      ['alert.resolved', true],
      ['alert.firing', true],
    ]);
  });
});

describe('npm run demo against a server that refuses loopback webhooks (the default)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(async () => {
    await t?.close();
  });

  it('says how to allow them, and still creates the rule, without a channel', async () => {
    let output = '';
    const out = new PassThrough();
    out.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
    const url = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    const result = await runDemo({ url, user, maxTicks: 1, tickMs: 100, out });
    expect(result.channelId).toBeUndefined();
    expect(output).toContain('restart the server with ALLOW_PRIVATE_WEBHOOK_URLS=true');

    const login = await t.client.post('/api/auth/login').send({ email: user.email, password: user.password });
    const auth = { token: login.body.accessToken as string };
    expect((await t.client.get('/api/alerts/channels', auth)).body).toEqual([]);
    const rules = (await t.client.get('/api/alerts/rules', auth)).body as Json[];
    expect(rules.map((r) => [r.name, r.agentId, r.channelIds])).toEqual([[RULE_NAME, result.fleet.find((a) => a.role === 'hot')!.id, []]]);
  });
});
