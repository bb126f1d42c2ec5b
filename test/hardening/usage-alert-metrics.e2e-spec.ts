import { createAgent, createUser, insertLlmCalls, LlmCallRow, TestAgent, TestUser } from '@fleetwatch/testing';
import { ALERT_ENV, alertsOf, alignedNow, createRule, MINUTE, step, tick } from '../alerts/alerts-support';
import { startTestApp, TestApp } from '../support/test-app';

/** Every token type named on every row: the factory stores a column some rows omit as null. */
const withTypes = (r: LlmCallRow): LlmCallRow => ({ cacheReadInputTokens: 0, cacheCreationInputTokens: 0, reasoningOutputTokens: 0, ...r });

/** Alert metrics on calls that report cache reads: cache_read_ratio, and tokens / cost_usd unchanged in meaning. */
describe('alert metrics on usage by token type', () => {
  let t: TestApp;
  let user: TestUser;
  let low: TestAgent;
  let high: TestAgent;
  let idle: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ env: ALERT_ENV, now: alignedNow() });
    user = await createUser(t.client, t.sql);
    low = await createAgent(t.client, user, { name: 'low-cache' });
    high = await createAgent(t.client, user, { name: 'high-cache' });
    idle = await createAgent(t.client, user, { name: 'idle' });
    const ts = new Date(t.clock.now().getTime() - MINUTE).toISOString();
    const rows: LlmCallRow[] = [
      // low: (100 + 300) cache reads over (1000 + 1000) input tokens = 0.2
      { agentId: low.id, model: 'claude-sonnet-4-5', inputTokens: 1000, cacheReadInputTokens: 100, outputTokens: 50, costUsd: 0.25, rateSource: 'model', ts },
      {
        agentId: low.id,
        model: 'claude-sonnet-4-5',
        inputTokens: 1000,
        cacheReadInputTokens: 300,
        cacheCreationInputTokens: 200,
        outputTokens: 50,
        reasoningOutputTokens: 20,
        costUsd: 0.5,
        rateSource: 'model',
        ts,
      },
      // high: 900 / 1000 = 0.9
      { agentId: high.id, model: 'claude-sonnet-4-5', inputTokens: 1000, cacheReadInputTokens: 900, outputTokens: 10, costUsd: 0.125, rateSource: 'model', ts },
      // idle only has a call without input: its ratio is no data, not 0.
      { agentId: idle.id, model: 'claude-sonnet-4-5', inputTokens: 0, outputTokens: 10, costUsd: 0.001, rateSource: 'model', ts },
    ];
    await insertLlmCalls(t.sql, rows.map(withTypes));
  });
  afterAll(async () => {
    await t.close();
  });

  // One evaluation per minute slot: later tests step the clock a minute (the calls stay inside the 5-minute window).
  const openOf = async (ruleId: string) =>
    (await alertsOf(t, user)).filter((a) => a.ruleId === ruleId).map((a) => ({ agentId: a.agentId, status: a.status, value: a.value }));

  it('fires cache_read_ratio lt 0.5 for the agent at 0.2, not for the one at 0.9 nor the one without input', async () => {
    const rule = await createRule(t, user, { name: 'cold cache', metric: 'cache_read_ratio', aggregation: 'avg', comparator: 'lt', threshold: 0.5 });
    await tick(t);
    expect(await openOf(rule.id)).toEqual([{ agentId: low.id, status: 'firing', value: 0.2 }]);
  });

  it('fires cache_read_ratio gt 0.5 with the exact ratio of the agent at 0.9', async () => {
    const rule = await createRule(t, user, { name: 'warm cache', metric: 'cache_read_ratio', aggregation: 'avg', comparator: 'gt', threshold: 0.5 });
    await step(t);
    expect(await openOf(rule.id)).toEqual([{ agentId: high.id, status: 'firing', value: 0.9 }]);
  });

  it('counts tokens as input + output (cache reads and reasoning are already inside them) and cost_usd as the stored cost', async () => {
    const tokens = await createRule(t, user, { name: 'tokens', metric: 'tokens', aggregation: 'sum', comparator: 'gte', threshold: 2100 });
    const cost = await createRule(t, user, { name: 'cost', metric: 'cost_usd', aggregation: 'sum', comparator: 'gt', threshold: 0.7 });
    await step(t);
    // low: 1000 + 50 + 1000 + 50 = 2100 (its 400 cache reads, 200 cache writes and 20 reasoning tokens are not added again).
    expect(await openOf(tokens.id)).toEqual([{ agentId: low.id, status: 'firing', value: 2100 }]);
    expect(await openOf(cost.id)).toEqual([{ agentId: low.id, status: 'firing', value: 0.75 }]);
  });

  it('refuses cache_read_ratio with an aggregation other than avg, naming the aggregation', async () => {
    for (const aggregation of ['sum', 'max', 'p95']) {
      const response = await t.client
        .post('/api/alerts/rules', user.auth)
        .send({ name: 'x', metric: 'cache_read_ratio', aggregation, comparator: 'lt', threshold: 0.5, windowMinutes: 5 });
      expect(response.status).toBe(400);
      expect(JSON.stringify(response.body.message)).toContain('aggregation must be avg for cache_read_ratio');
    }
    const rules = await t.client.get('/api/alerts/rules', user.auth);
    expect((rules.body as { name: string }[]).filter((r) => r.name === 'x')).toEqual([]);
  });
});
