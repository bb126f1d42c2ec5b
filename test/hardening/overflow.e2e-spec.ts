import { JobScheduler } from '@fleetwatch/database';
import { ROLLUP_JOB } from '@fleetwatch/rollups';
import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { ALERT_ENV, createRule } from '../alerts/alerts-support';
import { startTestApp, TestApp } from '../support/test-app';
import { alertStates, cpuTenant, nextTick } from './overflow-support';

const NOW = '2026-11-22T12:30:00.000Z';
const T = '2026-11-22T12:20:00.000Z';
const START = '2026-11-22T12:00:00.000Z';
const MAX_SAMPLE = 1e15;
const MAX_MS = 1e12;
const MAX_TOKENS = 2_147_483_647;

/**
 * Issue item 1: a 1.7e308 sample (accepted with 202) made the shared rollup job and the alert tick
 * fail for every tenant and nine read routes answer 500. Now such values are refused naming the
 * item, and the documented extremes are accepted and aggregate everywhere.
 */
describe('numeric ranges at ingest and the jobs over every tenant', () => {
  let t: TestApp;
  let owner: TestUser;
  let second: TestUser;
  let admin: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ env: ALERT_ENV, now: NOW });
    owner = await createUser(t.client, t.sql);
    second = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agent = await createAgent(t.client, owner);
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = async (): Promise<number> => {
    const { rows } = await t.sql.query(
      `select (select count(*) from metric_samples)::int + (select count(*) from llm_calls)::int + (select count(*) from tool_calls)::int as n`,
    );
    return rows[0].n;
  };

  it('refuses 1.7e308 samples and out-of-range durations with a 400 naming each item, storing nothing', async () => {
    const before = await stored();
    const res = await t.client.post('/api/ingest', owner.auth).send({
      samples: [
        { agentId: agent.id, type: 'queue', value: 1.7e308, timestamp: T },
        { agentId: agent.id, type: 'queue', value: -1.7e308, timestamp: T },
        { agentId: agent.id, type: 'queue', value: MAX_SAMPLE, timestamp: T },
      ],
      llmCalls: [{ agentId: agent.id, model: 'm', inputTokens: 1, outputTokens: 1, latencyMs: 1.7e308, status: 'success', timestamp: T }],
      toolCalls: [{ agentId: agent.id, tool: 'x', durationMs: MAX_MS + 1, status: 'success', timestamp: T }],
    });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(
      'samples[0].value must be <= 1000000000000000; samples[1].value must be >= -1000000000000000; ' +
        'llmCalls[0].latencyMs must be <= 1000000000000; toolCalls[0].durationMs must be <= 1000000000000',
    );
    expect(await stored()).toBe(before);
  });

  it('accepts the documented extremes; the rollup job and the alert tick succeed and another user’s cpu rule fires', async () => {
    const res = await t.client.post('/api/ingest', owner.auth).send({
      samples: [
        ...[1, 2].map(() => ({ agentId: agent.id, type: 'queue', value: MAX_SAMPLE, timestamp: T })),
        ...[1, 2].map(() => ({ agentId: agent.id, type: 'messages', value: MAX_SAMPLE, timestamp: T })),
      ],
      llmCalls: [1, 2].map(() => ({
        agentId: agent.id,
        model: 'm',
        inputTokens: MAX_TOKENS,
        outputTokens: MAX_TOKENS,
        latencyMs: MAX_MS,
        costUsd: 1,
        status: 'success',
        timestamp: T,
      })),
      toolCalls: [1, 2].map(() => ({ agentId: agent.id, tool: 'x', durationMs: MAX_MS, status: 'success', timestamp: T })),
    });
    expect(res.status).toBe(202);
    const queueRule = await createRule(t, owner, { name: 'queue', metric: 'queue', aggregation: 'sum', comparator: 'gt', threshold: 1e15, windowMinutes: 30 });
    const latencyRule = await createRule(t, owner, {
      name: 'latency',
      metric: 'llm_latency_ms',
      aggregation: 'avg',
      comparator: 'gt',
      threshold: 1e9,
      windowMinutes: 30,
    });
    const tokensRule = await createRule(t, owner, {
      name: 'tokens',
      metric: 'tokens',
      aggregation: 'sum',
      comparator: 'gt',
      threshold: 1e9,
      windowMinutes: 30,
    });
    const cpu = await cpuTenant(t, second);

    const outcome = await t.get(JobScheduler).runNow(ROLLUP_JOB);
    expect(outcome.error).toBeUndefined();
    const rollups = await t.sql.query(`select type, count::int, sum, min, max from rollup_samples_hourly where agent_id = $1 and hour = $2 order by type`, [
      agent.id,
      START,
    ]);
    expect(rollups.rows).toEqual([
      { type: 'messages', count: 2, sum: 2e15, min: 1e15, max: 1e15 },
      { type: 'queue', count: 2, sum: 2e15, min: 1e15, max: 1e15 },
    ]);
    const llm = await t.sql.query(`select input_tokens::text, output_tokens::text, latency_sum from rollup_llm_hourly where agent_id = $1`, [agent.id]);
    expect(llm.rows).toEqual([{ input_tokens: '4294967294', output_tokens: '4294967294', latency_sum: 2e12 }]);
    const secondRollup = await t.sql.query(`select count(*)::int as n from rollup_samples_hourly where agent_id = $1`, [cpu.agentId]);
    expect(secondRollup.rows[0].n).toBeGreaterThan(0);

    await nextTick(t);
    expect(await alertStates(t, owner)).toEqual(
      [
        { ruleId: queueRule.id, agentId: agent.id, status: 'firing', value: 2e15 },
        { ruleId: latencyRule.id, agentId: agent.id, status: 'firing', value: 1e12 },
        { ruleId: tokensRule.id, agentId: agent.id, status: 'firing', value: 4 * MAX_TOKENS },
      ].sort((x, y) => x.ruleId.localeCompare(y.ruleId)),
    );
    expect(await alertStates(t, second)).toEqual([{ ruleId: cpu.ruleId, agentId: cpu.agentId, status: 'firing', value: 95 }]);
  });

  it('the nine read routes that answered 500 answer 200 with exact sums, for the owner and for an admin', async () => {
    const raw = (metric: string) => `/api/analytics/timeseries?metric=${metric}&aggregation=sum&agentId=${agent.id}&start=${START}&end=${NOW}&source=raw`;
    for (const user of [owner, admin]) {
      const get = async (path: string) => {
        const res = await t.client.get(path, user.auth);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
        return res.body;
      };
      const platform = await get('/api/metrics');
      if (user === owner) {
        expect(platform.metrics.messages).toEqual({ today: 2e15, thisWeek: 2e15, thisMonth: 2e15 });
        expect(platform.metrics.performance.averageResponseTime).toBe(MAX_MS);
      }
      expect(await get(`/api/metrics/${owner.id}/performance`)).toEqual({ cpu: 0, memory: 0, errorRate: 0, responseTime: MAX_MS });
      const dashboard = await get('/api/monitoring/dashboard');
      if (user === owner) expect(dashboard.current).toMatchObject({ llmCallsLastHour: 2, llmLatencyMsLastHour: MAX_MS });
      expect(await get(`/api/agents/${agent.id}/metrics/summary`)).toEqual({
        total_tokens: 4 * MAX_TOKENS,
        total_requests: 2,
        avg_response_ms: MAX_MS,
        last_active_at: T,
      });
      const observability = await get(`/api/v1/agents/${owner.username}/${agent.name}/observability/metrics`);
      expect(observability.buckets.at(-1)).toEqual({
        timestamp: START,
        trace_count: 4,
        avg_latency_ms: MAX_MS,
        input_tokens: 2 * MAX_TOKENS,
        output_tokens: 2 * MAX_TOKENS,
        error_count: 0,
      });
      expect((await get(raw('queue'))).points).toEqual([{ ts: START, value: 2e15 }]);
      expect((await get(raw('llm_latency_ms'))).points).toEqual([{ ts: START, value: 2e12 }]);
      expect((await get(raw('tool_duration_ms'))).points).toEqual([{ ts: START, value: 2e12 }]);
      expect((await get(`/api/analytics/tools/summary`)).averageDurationMs).toBe(MAX_MS);
      const byTool = await get(`/api/analytics/tools/by-tool`);
      expect(byTool.map((r: { tool: string; calls: number; averageDurationMs: number }) => [r.tool, r.calls, r.averageDurationMs])).toEqual([['x', 2, MAX_MS]]);
    }
  });
});
