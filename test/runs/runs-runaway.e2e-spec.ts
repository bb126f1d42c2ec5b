import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { ALERT_ENV, alertsOf, createRule, MINUTE, tick } from '../alerts/alerts-support';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-03-10T12:00:00.000Z');
const ago = (minutes: number) => new Date(NOW.getTime() - minutes * MINUTE).toISOString();

/** Runaway runs: the per-run alert metrics and the fleet-status reason. */
describe('runaway runs', () => {
  let t: TestApp;
  let owner: TestUser;
  let busy: TestAgent;
  let idle: TestAgent;

  const llm = (agentId: string, runId: string, minutesAgo: number, costUsd: number) => ({
    agentId,
    model: 'gpt-4o',
    inputTokens: 10,
    outputTokens: 1,
    latencyMs: 5,
    status: 'success',
    costUsd,
    runId,
    timestamp: ago(minutesAgo),
  });
  const tool = (agentId: string, runId: string, minutesAgo: number) => ({
    agentId,
    tool: 'search',
    durationMs: 5,
    status: 'success',
    runId,
    timestamp: ago(minutesAgo),
  });

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { ...ALERT_ENV, RUNAWAY_RUN_MAX_STEPS: '5', RUNAWAY_RUN_MAX_MINUTES: '30' } });
    owner = await createUser(t.client, t.sql);
    busy = await createAgent(t.client, owner, { name: 'busy' });
    idle = await createAgent(t.client, owner, { name: 'idle' });
    const res = await t.client.post('/api/ingest', owner.auth).send({
      runs: [
        // Open for 45 minutes with 6 steps, costing 2.
        { id: 'open', agentId: busy.id, name: 'looping', status: 'running', startedAt: ago(45) },
        // Ended 2 minutes ago after 10 minutes, costing 3: inside a 60-minute window.
        { id: 'recent', agentId: busy.id, status: 'success', startedAt: ago(12), endedAt: ago(2) },
        // Ended 3 hours ago, the most expensive and longest: outside every window here.
        { id: 'old', agentId: busy.id, status: 'success', startedAt: ago(400), endedAt: ago(180) },
        // Open but small and young: not a runaway.
        { id: 'fresh', agentId: idle.id, status: 'running', startedAt: ago(5) },
      ],
      llmCalls: [
        ...[44, 40, 30, 20].map((m) => llm(busy.id, 'open', m, 0.5)),
        llm(busy.id, 'recent', 10, 3),
        ...[390, 380, 370, 360, 350, 340, 330].map((m) => llm(busy.id, 'old', m, 100)),
        llm(idle.id, 'fresh', 4, 0.01),
      ],
      toolCalls: [tool(busy.id, 'open', 35), tool(busy.id, 'open', 10)],
    });
    expect(res.status).toBe(202);
  });
  afterAll(async () => {
    await t.close();
  });

  it('fires each run metric on the max over open and recently ended runs, with the exact observed value', async () => {
    const rules = {
      cost: await createRule(t, owner, { name: 'run cost', metric: 'run_cost_usd', aggregation: 'max', comparator: 'gt', threshold: 2.5, windowMinutes: 60 }),
      steps: await createRule(t, owner, { name: 'run steps', metric: 'run_steps', aggregation: 'max', comparator: 'gte', threshold: 6, windowMinutes: 60 }),
      minutes: await createRule(t, owner, {
        name: 'run minutes',
        metric: 'run_duration_minutes',
        aggregation: 'max',
        comparator: 'gt',
        threshold: 40,
        windowMinutes: 60,
      }),
      quiet: await createRule(t, owner, {
        name: 'run cost high',
        metric: 'run_cost_usd',
        aggregation: 'max',
        comparator: 'gt',
        threshold: 50,
        windowMinutes: 60,
      }),
    };
    await tick(t);
    const alerts = await alertsOf(t, owner);
    const byRule = (id: string) => alerts.filter((a) => a.ruleId === id).map((a) => ({ agentId: a.agentId, status: a.status, value: a.value }));
    expect(byRule(rules.cost.id)).toEqual([{ agentId: busy.id, status: 'firing', value: 3 }]);
    expect(byRule(rules.steps.id)).toEqual([{ agentId: busy.id, status: 'firing', value: 6 }]);
    expect(byRule(rules.minutes.id)).toEqual([{ agentId: busy.id, status: 'firing', value: 45 }]);
    // The 700-dollar run ended three hours ago: outside the window, so it does not count.
    expect(byRule(rules.quiet.id)).toEqual([]);
  });

  it('takes only max for a run metric (400 naming aggregation)', async () => {
    const res = await t.client.post('/api/alerts/rules', owner.auth).send({
      name: 'avg run cost',
      metric: 'run_cost_usd',
      aggregation: 'avg',
      comparator: 'gt',
      threshold: 1,
      windowMinutes: 60,
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('aggregation must be max for run_cost_usd (any one run crossing fires)');
  });

  it('reports runaway_run in fleet status for an agent with a run open past the limits', async () => {
    const res = await t.client.get('/api/monitoring/fleet-status', owner.auth);
    expect(res.status).toBe(200);
    const busyEntry = res.body.agents.find((a: { agentId: string }) => a.agentId === busy.id);
    expect(busyEntry.reasons).toEqual([{ code: 'runaway_run', severity: 'warning', label: 'Run looping still running after 45m and 6 steps' }]);
    expect(busyEntry.severity).toBe('warning');
    expect(res.body.agents.some((a: { agentId: string }) => a.agentId === idle.id)).toBe(false);

    // Once the run ends, the reason goes.
    await t.client.post('/api/ingest', owner.auth).send({ runs: [{ id: 'open', agentId: busy.id, status: 'success', startedAt: ago(45), endedAt: ago(0) }] });
    const after = await t.client.get('/api/monitoring/fleet-status', owner.auth);
    expect(after.body.agents.some((a: { agentId: string }) => a.agentId === busy.id)).toBe(false);
  });
});
