import { newId } from '@fleetwatch/common';
import { createAgent, createUser, insertAlerts, insertLlmCalls, insertToolCalls, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ALERT_ENV, alertsOf, alignedNow, createRule, everyMinute, insertSamples, MINUTE, step } from './alerts-support';

describe('alert lifecycle', () => {
  let t: TestApp;
  let user: TestUser;
  let agentId: string;
  let T0: Date;
  const at = (minutes: number): string => new Date(T0.getTime() + minutes * MINUTE).toISOString();

  beforeAll(async () => {
    t = await startTestApp({ env: ALERT_ENV, now: alignedNow() });
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(async () => {
    user = await createUser(t.client, t.sql);
    agentId = (await createAgent(t.client, user)).id;
    T0 = new Date(t.clock.now().getTime() + MINUTE);
  });

  it('is pending until forMinutes have passed (not firing at for − 1 tick) and fires at for', async () => {
    await insertSamples(t.sql, agentId, 'cpu', everyMinute(T0, -10, 20, 95));
    const rule = await createRule(t, user, { forMinutes: 3 });
    const statuses: unknown[] = [];
    for (let i = 0; i <= 3; i++) {
      await step(t);
      statuses.push((await alertsOf(t, user))[0]?.status);
    }
    expect(statuses).toEqual(['pending', 'pending', 'pending', 'firing']);
    const [alert] = await alertsOf(t, user);
    expect(alert).toEqual({
      id: expect.any(String),
      ruleId: rule.id,
      ruleName: 'High CPU',
      agentId,
      status: 'firing',
      severity: 'warning',
      value: 95,
      threshold: 80,
      startedAt: at(0),
      firedAt: at(3),
      acknowledgedAt: null,
      acknowledgedBy: null,
      resolvedAt: null,
      resolvedBy: null,
      note: null,
    });
    const history = await t.client.get(`/api/alerts/${alert.id as string}/history`, user.auth);
    expect(history.body).toEqual([
      { from: null, to: 'pending', value: 95, actor: 'system', note: null, at: at(0) },
      { from: 'pending', to: 'firing', value: 95, actor: 'system', note: null, at: at(3) },
    ]);
    const events = await t.sql.query(
      `select type, actor, metadata->>'alertId' as alert_id from events where agent_id = $1 and type like 'alert_%' order by ts`,
      [agentId],
    );
    expect(events.rows).toEqual([{ type: 'alert_firing', actor: 'system', alert_id: alert.id }]);
  });

  it('keeps firing for keepFiringForMinutes after the condition turns false, then resolves', async () => {
    await insertSamples(t.sql, agentId, 'cpu', [[T0, 95], ...everyMinute(T0, 1, 10, 10)]);
    await createRule(t, user, { windowMinutes: 1, keepFiringForMinutes: 2 });
    const statuses: unknown[] = [];
    for (let i = 0; i <= 3; i++) {
      await step(t);
      statuses.push((await alertsOf(t, user))[0]?.status);
    }
    expect(statuses).toEqual(['firing', 'firing', 'firing', 'resolved']);
    const [alert] = await alertsOf(t, user);
    expect(alert).toMatchObject({ value: 95, firedAt: at(0), resolvedAt: at(3), resolvedBy: 'system' });
  });

  it('treats an empty window as ok, alerting or keep as the rule says', async () => {
    const ok = await createRule(t, user, { name: 'ok', metric: 'custom.gap', noData: 'ok' });
    const alerting = await createRule(t, user, { name: 'alerting', metric: 'custom.gap', noData: 'alerting' });
    await insertSamples(t.sql, agentId, 'custom.keep', [
      [T0, 95],
      [new Date(T0.getTime() + 3 * MINUTE), 10],
    ]);
    const keep = await createRule(t, user, { name: 'keep', metric: 'custom.keep', windowMinutes: 1, forMinutes: 2, noData: 'keep' });
    const statusOf = async (ruleId: string): Promise<unknown> => (await alertsOf(t, user)).find((a) => a.ruleId === ruleId)?.status;
    const seen: unknown[][] = [];
    for (let i = 0; i <= 3; i++) {
      await step(t);
      seen.push([await statusOf(ok.id), await statusOf(alerting.id), await statusOf(keep.id)]);
    }
    expect(seen).toEqual([
      [undefined, 'firing', 'pending'],
      [undefined, 'firing', 'pending'],
      [undefined, 'firing', 'firing'],
      [undefined, 'firing', 'resolved'],
    ]);
    const firing = (await alertsOf(t, user)).find((a) => a.ruleId === alerting.id);
    expect(firing).toMatchObject({ value: null, firedAt: at(0) });
  });

  it('keeps one open alert per (rule, agent), enforced by the database too', async () => {
    await insertSamples(t.sql, agentId, 'cpu', everyMinute(T0, -10, 10, 90));
    const rule = await createRule(t, user, {});
    for (let i = 0; i < 4; i++) await step(t);
    const rows = await t.sql.query(`select status from alerts where rule_id = $1`, [rule.id]);
    expect(rows.rows).toEqual([{ status: 'firing' }]);
    const history = await t.sql.query(`select to_status from alert_history h join alerts a on a.id = h.alert_id where a.rule_id = $1 order by h.id`, [rule.id]);
    expect(history.rows.map((r) => r.to_status)).toEqual(['pending', 'firing']);
    const now = t.clock.now();
    await expect(
      insertAlerts(t.sql, [{ id: newId(), ruleId: rule.id, agentId, ownerId: user.id, status: 'pending', severity: 'warning', threshold: 80, startedAt: now }]),
    ).rejects.toThrow(/alerts_open_key/);
  });

  it('resolves by hand; a condition still true starts a new pending alert on the next tick', async () => {
    await insertSamples(t.sql, agentId, 'cpu', everyMinute(T0, -10, 10, 99));
    await createRule(t, user, { forMinutes: 1 });
    await step(t);
    await step(t);
    const [firing] = await alertsOf(t, user);
    expect(firing.status).toBe('firing');
    const resolved = await t.client.post(`/api/alerts/${firing.id as string}/resolve`, user.auth).send({ note: 'fixed the loop' });
    expect(resolved.status).toBe(200);
    expect(resolved.body).toMatchObject({ status: 'resolved', resolvedBy: user.id, resolvedAt: at(1), note: 'fixed the loop' });
    const again = await t.client.post(`/api/alerts/${firing.id as string}/resolve`, user.auth).send({});
    expect(again.status).toBe(409);
    await step(t);
    const alerts = await alertsOf(t, user);
    expect(alerts.map((a) => [a.status, a.startedAt])).toEqual([
      ['pending', at(2)],
      ['resolved', at(0)],
    ]);
    const history = await t.client.get(`/api/alerts/${firing.id as string}/history`, user.auth);
    expect(history.body.map((h: { to: string; actor: string; note: string | null }) => [h.to, h.actor, h.note])).toEqual([
      ['pending', 'system', null],
      ['firing', 'system', null],
      ['resolved', user.id, 'fixed the loop'],
    ]);
  });

  it('watches every agent of the owner when the rule names none, and computes LLM, tool and age metrics', async () => {
    const second = (await createAgent(t.client, user)).id;
    await t.sql.query(`select fw_ensure_daily_partitions('llm_calls', current_date - 2, current_date + 2)`);
    await t.sql.query(`select fw_ensure_daily_partitions('tool_calls', current_date - 2, current_date + 2)`);
    const calls = [
      [100, 'success', 10, 5, '0.01'],
      [200, 'error', 20, 5, '0.02'],
      [300, 'success', 30, 5, '0.03'],
      [400, 'success', 40, 5, '0.04'],
      [500, 'error', 50, 5, '0.05'],
    ] as const;
    for (const [i, [latency, status, input, output, cost]] of calls.entries()) {
      await insertLlmCalls(t.sql, [
        {
          id: newId(),
          agentId: second,
          model: 'gpt-4o',
          inputTokens: input,
          outputTokens: output,
          latencyMs: latency,
          status,
          costUsd: Number(cost),
          rateSource: 'model',
          ts: new Date(T0.getTime() - i * MINUTE),
        },
      ]);
    }
    for (const [i, status] of (['error', 'success', 'success', 'success'] as const).entries()) {
      await insertToolCalls(t.sql, [{ id: newId(), agentId: second, tool: 'search', durationMs: 5, status, ts: new Date(T0.getTime() - i * MINUTE) }]);
    }
    await t.sql.query(`update agents set last_seen_at = $2 where id = $1`, [agentId, new Date(T0.getTime() - 42 * MINUTE)]);
    await t.sql.query(`update agents set last_seen_at = $2 where id = $1`, [second, T0]);
    const rules = {
      p95: await createRule(t, user, { name: 'p95', metric: 'llm_latency_ms', aggregation: 'p95', comparator: 'gte', threshold: 0, windowMinutes: 10 }),
      tokens: await createRule(t, user, { name: 'tokens', metric: 'tokens', aggregation: 'sum', comparator: 'gt', threshold: 0, windowMinutes: 10 }),
      cost: await createRule(t, user, { name: 'cost', metric: 'cost_usd', aggregation: 'sum', comparator: 'gt', threshold: 0, windowMinutes: 10 }),
      llmErrors: await createRule(t, user, {
        name: 'llm errors',
        metric: 'llm_error_rate',
        aggregation: 'avg',
        comparator: 'gt',
        threshold: 0.1,
        windowMinutes: 10,
      }),
      toolErrors: await createRule(t, user, {
        name: 'tool errors',
        metric: 'tool_error_rate',
        aggregation: 'avg',
        comparator: 'gte',
        threshold: 0.25,
        windowMinutes: 10,
      }),
      count: await createRule(t, user, { name: 'count', metric: 'llm_latency_ms', aggregation: 'count', comparator: 'eq', threshold: 5, windowMinutes: 10 }),
      age: await createRule(t, user, {
        name: 'dead man',
        metric: 'telemetry_age_minutes',
        aggregation: 'max',
        comparator: 'gt',
        threshold: 30,
        windowMinutes: 1,
      }),
    };
    await step(t);
    const alerts = await alertsOf(t, user);
    const valueOf = (ruleId: string) => alerts.filter((a) => a.ruleId === ruleId).map((a) => [a.agentId, a.value]);
    expect(valueOf(rules.p95.id)).toEqual([[second, 480]]);
    expect(valueOf(rules.tokens.id)).toEqual([[second, 175]]);
    expect(valueOf(rules.cost.id)[0][1]).toBeCloseTo(0.15, 10);
    expect(valueOf(rules.llmErrors.id)).toEqual([[second, 0.4]]);
    expect(valueOf(rules.toolErrors.id)).toEqual([[second, 0.25]]);
    expect(valueOf(rules.count.id)).toEqual([[second, 5]]);
    expect(valueOf(rules.age.id)).toEqual([[agentId, 42]]);
  });
});
