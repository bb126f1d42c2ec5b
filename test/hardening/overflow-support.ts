import { createAgent, TestUser } from '@fleetwatch/testing';
import { alertsOf, createRule, everyMinute, MINUTE, tick } from '../alerts/alerts-support';
import { insertSamples } from '../metrics/metrics-support';
import { TestApp } from '../support/test-app';

/** A second tenant whose cpu rule must fire whatever the first tenant stored: cpu at 95 for the last 10 minutes. */
export async function cpuTenant(t: TestApp, user: TestUser): Promise<{ agentId: string; ruleId: string }> {
  const agent = await createAgent(t.client, user);
  await insertSamples(
    t.sql,
    agent.id,
    everyMinute(t.clock.now(), -10, 0, 95).map(([at, value]) => ({ type: 'cpu', value, ts: at.toISOString() })),
  );
  const rule = await createRule(t, user, { name: 'cpu high', metric: 'cpu', aggregation: 'avg', comparator: 'gt', threshold: 80, windowMinutes: 5 });
  return { agentId: agent.id, ruleId: rule.id };
}

/** One evaluation tick in a fresh slot; throws when the job fails. */
export async function nextTick(t: TestApp): Promise<void> {
  t.clock.advance(MINUTE);
  await tick(t);
}

/** The user's alerts as (rule, agent, status, value), sorted by rule id. */
export async function alertStates(t: TestApp, user: TestUser): Promise<{ ruleId: unknown; agentId: unknown; status: unknown; value: unknown }[]> {
  const alerts = await alertsOf(t, user);
  return alerts
    .map((a) => ({ ruleId: a.ruleId, agentId: a.agentId, status: a.status, value: a.value }))
    .sort((x, y) => String(x.ruleId).localeCompare(String(y.ruleId)));
}
