import { BUDGET_JOB } from '@fleetwatch/cost';
import { JobScheduler } from '@fleetwatch/database';
import { createAgent, createUser, describeAuthorizationMatrix, MatrixWorld, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureLlmPartitions, insertLlmCalls } from './llm-call-rows';

const NOW = new Date('2026-11-20T12:00:00.000Z');

describe('budgets', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let capped: TestAgent;
  let soft: TestAgent;

  const spend = (agentId: string, costUsd: number, ts = '2026-11-05T00:00:00Z') =>
    insertLlmCalls(t.sql, [{ agentId, ts, model: 'gpt-4o', costUsd, rateSource: 'client' }]);
  const tick = () => t.get(JobScheduler).runNow(BUDGET_JOB);
  async function events(agentId: string): Promise<{ type: string; message: string }[]> {
    const rows = await t.sql.query(
      `select type, message from events where agent_id = $1 and type in ('budget_warning', 'budget_paused', 'agent_status_changed') order by ts, id`,
      [agentId],
    );
    return rows.rows;
  }
  const status = async (id: string) => (await t.client.get(`/api/agents/${id}`, owner.auth)).body.status as string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    capped = await createAgent(t.client, owner, { name: 'capped' });
    soft = await createAgent(t.client, owner, { name: 'soft' });
    await t.sql.query(`update agents set status = 'running', last_seen_at = $2 where id = any($1)`, [[capped.id, soft.id], NOW]);
    await ensureLlmPartitions(t.sql, '2026-11-01', '2026-12-03');
  });
  afterAll(async () => {
    await t.close();
  });

  it('stores a budget with defaults and validates it', async () => {
    const put = await t.client.put(`/api/agents/${capped.id}/budget`, owner.auth).send({ monthlyUsd: 10, softThresholdPct: 50, hardCap: true });
    expect(put.status).toBe(200);
    expect(put.body).toEqual({
      agentId: capped.id,
      monthlyUsd: 10,
      softThresholdPct: 50,
      hardCap: true,
      monthToDateUsd: 0,
      percentUsed: 0,
      status: 'ok',
      warnedThisMonth: false,
      pausedThisMonth: false,
    });
    const defaults = await t.client.put(`/api/agents/${soft.id}/budget`, owner.auth).send({ monthlyUsd: 1 });
    expect(defaults.body).toMatchObject({ softThresholdPct: 80, hardCap: false });
    const bad = await t.client.put(`/api/agents/${soft.id}/budget`, owner.auth).send({ monthlyUsd: 0 });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('monthlyUsd');
    const pct = await t.client.put(`/api/agents/${soft.id}/budget`, owner.auth).send({ monthlyUsd: 1, softThresholdPct: 101 });
    expect(JSON.stringify(pct.body.message)).toContain('softThresholdPct');
    expect((await t.client.put(`/api/agents/${soft.id}/budget`, other.auth).send({ monthlyUsd: 1 })).status).toBe(404);
    const cap = await t.client.put(`/api/agents/${soft.id}/budget`, owner.auth).send({ monthlyUsd: 1, hardCap: 'yes' });
    expect(cap.status).toBe(400);
    expect(JSON.stringify(cap.body.message)).toContain('hardCap');
    const extra = await t.client.put(`/api/agents/${soft.id}/budget`, owner.auth).send({ monthlyUsd: 1, currency: 'EUR' });
    expect(extra.status).toBe(400);
    expect(JSON.stringify(extra.body.message)).toContain('currency');
    const plain = await createAgent(t.client, owner);
    expect((await t.client.get(`/api/agents/${plain.id}/budget`, owner.auth)).status).toBe(404);
    expect((await t.client.delete(`/api/agents/${plain.id}/budget`, owner.auth)).status).toBe(404);
  });

  it('writes budget_warning once when the soft threshold is crossed', async () => {
    await spend(capped.id, 4);
    await tick();
    expect(await events(capped.id)).toEqual([]);
    await spend(capped.id, 1);
    await tick();
    await tick();
    expect(await events(capped.id)).toEqual([{ type: 'budget_warning', message: 'Agent "capped" used 50% of its monthly budget ($5.00 of $10.00)' }]);
    const fleet = await t.client.get('/api/monitoring/fleet-status', owner.auth);
    expect(fleet.body.agents).toEqual([
      {
        agentId: capped.id,
        name: 'capped',
        status: 'running',
        severity: 'warning',
        reasons: [{ code: 'budget_warning', severity: 'warning', label: 'Budget 50% used ($5.00 of $10.00 this month)' }],
      },
    ]);
  });

  it('stops the agent once when the hard cap is reached, through the status history', async () => {
    await spend(capped.id, 5.5);
    await tick();
    await tick();
    expect(await events(capped.id)).toEqual([
      { type: 'budget_warning', message: 'Agent "capped" used 50% of its monthly budget ($5.00 of $10.00)' },
      { type: 'agent_status_changed', message: 'Agent "capped" status changed from running to stopped (budget cap reached)' },
      { type: 'budget_paused', message: 'Agent "capped" stopped: monthly budget of $10.00 reached ($10.50 spent)' },
    ]);
    expect(await status(capped.id)).toBe('stopped');
    const history = await t.sql.query(`select status from agent_status_changes where agent_id = $1 order by id`, [capped.id]);
    expect(history.rows.map((r) => r.status)).toEqual(['stopped', 'stopped']);
    const budget = await t.client.get(`/api/agents/${capped.id}/budget`, owner.auth);
    expect(budget.body).toMatchObject({ monthToDateUsd: 10.5, percentUsed: 105, status: 'exceeded', warnedThisMonth: true, pausedThisMonth: true });
    const fleet = await t.client.get('/api/monitoring/fleet-status', owner.auth);
    expect(fleet.body.agents[0]).toEqual({
      agentId: capped.id,
      name: 'capped',
      status: 'stopped',
      severity: 'error',
      reasons: [{ code: 'budget_paused', severity: 'error', label: 'Paused — budget cap reached' }],
    });

    // Telemetry is still accepted from a paused agent: ingest does not look at budgets.
    const ingest = await t.client.post('/api/ingest', owner.auth).send({
      llmCalls: [
        {
          agentId: capped.id,
          model: 'gpt-4o',
          inputTokens: 1,
          outputTokens: 1,
          latencyMs: 5,
          status: 'success',
          costUsd: 1,
          timestamp: '2026-11-20T11:00:00Z',
        },
      ],
    });
    expect(ingest.status).toBe(202);
    expect((await t.client.get(`/api/agents/${capped.id}/budget`, owner.auth)).body.monthToDateUsd).toBe(11.5);
  });

  it('never stops an agent without a hard cap, and acts again in a new month', async () => {
    await spend(soft.id, 2);
    await tick();
    expect(await status(soft.id)).toBe('running');
    expect((await events(soft.id)).map((e) => e.type)).toEqual(['budget_warning']);

    t.clock.set('2026-12-02T00:00:00.000Z');
    try {
      await tick();
      expect((await events(capped.id)).length).toBe(3);
      await spend(capped.id, 12, '2026-12-01T10:00:00Z');
      await tick();
      await tick();
      // Already stopped: no second status change, but the new month's warning and pause are written once.
      expect((await events(capped.id)).map((e) => e.type)).toEqual([
        'budget_warning',
        'agent_status_changed',
        'budget_paused',
        'budget_warning',
        'budget_paused',
      ]);
    } finally {
      t.clock.set(NOW);
    }
  });

  describeAuthorizationMatrix('budgets', (): MatrixWorld => ({ client: t.client, owner, otherUser: other, admin, fixtures: { agentId: soft.id } }), [
    {
      route: 'PUT /api/agents/:id/budget',
      method: 'put',
      path: (w) => `/api/agents/${w.fixtures.agentId}/budget`,
      body: () => ({ monthlyUsd: 1 }),
      scope: 'agents:write',
      expect: { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
    {
      route: 'GET /api/agents/:id/budget',
      method: 'get',
      path: (w) => `/api/agents/${w.fixtures.agentId}/budget`,
      scope: 'monitoring:read',
      expect: { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
    },
    {
      route: 'DELETE /api/agents/:id/budget',
      method: 'delete',
      prepare: async (w) => {
        const agent = await createAgent(w.client, w.owner);
        await w.client.put(`/api/agents/${agent.id}/budget`, w.owner.auth).send({ monthlyUsd: 1 });
        return { agentId: agent.id };
      },
      path: (_w, p) => `/api/agents/${p.agentId}/budget`,
      scope: 'agents:write',
      expect: { anonymous: 401, owner: 204, otherUser: 404, admin: 204, wrongScopeKey: 403, rightScopeKey: 204 },
    },
  ]);
});
