import { ActivityLogService } from '@fleetwatch/agents';
import {
  createAgent,
  createUser,
  describeAuthorizationMatrix,
  insertAgentBudgets,
  insertLlmCalls,
  MatrixWorld,
  TestAgent,
  TestUser,
} from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = new Date('2026-11-20T12:00:00.000Z');
const ago = (ms: number): Date => new Date(NOW.getTime() - ms);
const MIN = 60_000;

describe('monitoring: metrics, fleet-status, events', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  const agents: Record<string, TestAgent> = {};

  async function arrange(name: string, status: string, changedAt: Date, lastSampleAt: Date | null = null): Promise<TestAgent> {
    const agent = await createAgent(t.client, owner, { name });
    await t.sql.query(`update agents set status = $2, status_changed_at = $3, last_sample_at = $4 where id = $1`, [agent.id, status, changedAt, lastSampleAt]);
    agents[name] = agent;
    return agent;
  }

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    await t.sql.query(`select fw_ensure_daily_partitions('llm_calls', '2026-10-30', '2026-11-21')`);
    await arrange('z-err', 'error', ago(12 * MIN));
    await arrange('y-paused', 'stopped', ago(30 * MIN));
    await arrange('c-warn', 'warning', ago(3 * MIN));
    await arrange('d-dep10s', 'deploying', ago(10 * MIN + 1000));
    await arrange('e-queued18', 'queued', ago(18 * MIN));
    await arrange('f-run5s', 'running', ago(60 * MIN), ago(5 * MIN + 1000));
    await arrange('g-budgetwarn', 'running', ago(60 * MIN), NOW);
    await arrange('h-dep10', 'deploying', ago(10 * MIN));
    await arrange('i-run5', 'running', ago(60 * MIN), ago(5 * MIN));
    await arrange('j-healthy', 'stopped', ago(60 * MIN));
    await insertAgentBudgets(t.sql, [{ agentId: agents['y-paused'].id, monthlyUsd: 5, softThresholdPct: 80, hardCap: true, pausedMonth: '2026-11-01' }]);
    await insertAgentBudgets(t.sql, [{ agentId: agents['g-budgetwarn'].id, monthlyUsd: 10, softThresholdPct: 80, hardCap: false }]);
    // 8.50 this month (crosses 80 % of 10) and 5.00 last month (ignored).
    for (const [cost, ts] of [
      [5, '2026-11-02T00:00:00Z'],
      [3.5, '2026-11-20T11:00:00Z'],
      [5, '2026-10-31T23:59:59Z'],
    ] as const) {
      await insertLlmCalls(t.sql, [
        {
          agentId: agents['g-budgetwarn'].id,
          model: 'gpt-4o',
          provider: 'openai',
          inputTokens: 10,
          outputTokens: 10,
          latencyMs: 100,
          status: 'success',
          costUsd: cost,
          rateSource: 'client',
          ts,
        },
      ]);
    }
  });
  afterAll(async () => {
    await t.close();
  });

  it('lists every reason with its code, severity and label, errors first, and honours the 10- and 5-minute edges', async () => {
    const response = await t.client.get('/api/monitoring/fleet-status', owner.auth);
    expect(response.status).toBe(200);
    const row = (name: string, status: string, severity: string, reasons: unknown[]) => ({ agentId: agents[name].id, name, status, severity, reasons });
    expect(response.body).toEqual({
      generatedAt: NOW.toISOString(),
      total: 10,
      attentionCount: 7,
      agents: [
        row('y-paused', 'stopped', 'error', [{ code: 'budget_paused', severity: 'error', label: 'Paused — budget cap reached' }]),
        row('z-err', 'error', 'error', [{ code: 'error', severity: 'error', label: 'In error for 12m' }]),
        row('c-warn', 'warning', 'warning', [{ code: 'warning', severity: 'warning', label: 'In warning for 3m' }]),
        row('d-dep10s', 'deploying', 'warning', [{ code: 'stuck_deploying', severity: 'warning', label: 'Stuck deploying for 10m' }]),
        row('e-queued18', 'queued', 'warning', [{ code: 'stuck_deploying', severity: 'warning', label: 'Stuck queued for 18m' }]),
        row('f-run5s', 'running', 'warning', [{ code: 'telemetry_stalled', severity: 'warning', label: 'No telemetry for 5m' }]),
        row('g-budgetwarn', 'running', 'warning', [{ code: 'budget_warning', severity: 'warning', label: 'Budget 85% used ($8.50 of $10.00 this month)' }]),
      ],
    });

    t.clock.advance(1000);
    try {
      const later = await t.client.get('/api/monitoring/fleet-status', owner.auth);
      const names = (later.body.agents as { name: string }[]).map((a) => a.name);
      expect(names).toContain('h-dep10');
      expect(names).toContain('i-run5');
      expect(later.body.attentionCount).toBe(9);
    } finally {
      t.clock.set(NOW);
    }
  });

  it('shows another user nothing of the owner’s fleet, and an admin all of it', async () => {
    const mine = await t.client.get('/api/monitoring/fleet-status', other.auth);
    expect(mine.body).toEqual({ generatedAt: NOW.toISOString(), total: 0, attentionCount: 0, agents: [] });
    const all = await t.client.get('/api/monitoring/fleet-status', admin.auth);
    expect(all.body.total).toBe(10);
    expect(all.body.attentionCount).toBe(7);
  });

  it('counts agents by status and events in the last 24 hours', async () => {
    const activity = t.get(ActivityLogService);
    const entry = (ts: Date, type = 'custom') => ({ ownerId: owner.id, agentId: agents['c-warn'].id, type, message: type, metadata: {}, actor: 'system', ts });
    await activity.append([entry(ago(24 * 60 * MIN)), entry(ago(24 * 60 * MIN - 1000))]);
    const response = await t.client.get('/api/monitoring/metrics', owner.auth);
    expect(response.status).toBe(200);
    // 10 agent_created events at NOW plus the one 1 s inside the window; the one exactly 24 h old is out.
    expect(response.body).toEqual({ agents_total: 10, agents_running: 3, agents_stopped: 2, agents_error: 2, events_today: 11 });
    const others = await t.client.get('/api/monitoring/metrics', other.auth);
    expect(others.body).toEqual({ agents_total: 0, agents_running: 0, agents_stopped: 0, agents_error: 0, events_today: 0 });
  });

  it('lists events newest first, limited and filtered by agent', async () => {
    const activity = t.get(ActivityLogService);
    const id = agents['j-healthy'].id;
    await activity.append(
      [1, 2, 3, 4].map((n) => ({
        ownerId: owner.id,
        agentId: id,
        type: `step_${n}`,
        message: `step ${n}`,
        metadata: { n },
        actor: 'system',
        ts: new Date(NOW.getTime() + n * 1000),
      })),
    );
    const top = await t.client.get('/api/monitoring/events?limit=3', owner.auth);
    expect(top.status).toBe(200);
    expect(top.body.map((e: { type: string }) => e.type)).toEqual(['step_4', 'step_3', 'step_2']);
    expect(top.body[0]).toEqual({
      id: expect.any(String),
      type: 'step_4',
      message: 'step 4',
      metadata: { n: 4 },
      created_at: new Date(NOW.getTime() + 4000).toISOString(),
    });

    const one = await t.client.get(`/api/monitoring/events?agentId=${id}`, owner.auth);
    expect(one.body.map((e: { type: string }) => e.type)).toEqual(['step_4', 'step_3', 'step_2', 'step_1', 'agent_created']);

    const all = await t.client.get('/api/monitoring/events', owner.auth);
    expect(all.body).toHaveLength(16); // 10 agent_created, 2 arranged for metrics, 4 steps

    expect((await t.client.get(`/api/monitoring/events?agentId=${id}`, other.auth)).status).toBe(404);
    const tooMany = await t.client.get('/api/monitoring/events?limit=501', owner.auth);
    expect(tooMany.status).toBe(400);
    expect(JSON.stringify(tooMany.body.message)).toContain('limit');
    const unknown = await t.client.get('/api/monitoring/events?color=red', owner.auth);
    expect(unknown.status).toBe(400);
    expect(JSON.stringify(unknown.body.message)).toContain('color');
  });

  describeAuthorizationMatrix(
    'monitoring reads',
    (): MatrixWorld => ({ client: t.client, owner, otherUser: other, admin, fixtures: { agentId: agents['c-warn'].id } }),
    [
      ...['metrics', 'fleet-status', 'events', 'performance', 'dashboard', 'health'].map((name) => ({
        route: `GET /api/monitoring/${name}`,
        method: 'get' as const,
        path: () => `/api/monitoring/${name}`,
        scope: 'monitoring:read' as const,
        expect: { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
      })),
      {
        route: 'GET /api/monitoring/events?agentId',
        method: 'get',
        path: (w) => `/api/monitoring/events?agentId=${w.fixtures.agentId}`,
        scope: 'monitoring:read',
        expect: { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
      },
    ],
  );
});
