import { createAgent, createDeployment, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = Date.parse('2026-03-10T12:00:00.000Z');
const HOUR = 3_600_000;
const iso = (ms: number) => new Date(ms).toISOString();

/** Time to first token of streamed calls, reported beside the LLM latency percentiles. */
describe('time to first token in the LLM analytics', () => {
  let t: TestApp;
  let owner: TestUser;
  let agentId: string;
  let deploymentId: string;
  const finish = NOW - 6 * HOUR;

  const call = (minutesFromFinish: number, ttft?: number) => ({
    agentId,
    model: 'gpt-4o',
    inputTokens: 10,
    outputTokens: 5,
    latencyMs: 1500,
    status: 'success',
    costUsd: 0.001,
    ...(ttft === undefined ? {} : { timeToFirstTokenMs: ttft }),
    timestamp: iso(finish + minutesFromFinish * 60_000),
  });

  beforeAll(async () => {
    t = await startTestApp({ now: new Date(finish - 2 * HOUR) });
    owner = await createUser(t.client, t.sql);
    agentId = (await createAgent(t.client, owner)).id;
    deploymentId = (await createDeployment(t.client, owner, agentId, { configuration: {} })).id;
    for (const [status, at] of [
      ['in_progress', finish - HOUR],
      ['succeeded', finish],
    ] as const) {
      t.clock.set(new Date(at));
      expect((await t.client.patch(`/api/deployments/${deploymentId}`, owner.auth).send({ status })).status).toBe(200);
    }
    t.clock.set(new Date(NOW));
    const res = await t.client.post('/api/ingest', owner.auth).send({
      llmCalls: [
        // Before the finish: five streamed calls (out of order) and two that were not streamed.
        call(-60, 300),
        call(-50, 100),
        call(-40, 1000),
        call(-30, 200),
        call(-20, 400),
        call(-10),
        call(-5),
        // After: one streamed call.
        call(30, 250),
      ],
    });
    expect(res.status).toBe(202);
  });
  afterAll(async () => {
    await t.close();
  });

  it('reports p50/p95/p99 of time to first token and the count of streamed calls, per window', async () => {
    const res = await t.client.get(`/api/analytics/deployments/compare?a=${deploymentId}&b=${deploymentId}`, owner.auth);
    expect(res.status).toBe(200);
    const { before, after } = res.body.a;
    expect(before).toMatchObject({ llmCalls: 7, streamedLlmCalls: 5, ttftP50Ms: 300 });
    // percentile_cont over [100, 200, 300, 400, 1000]: rank 0.95 × 4 = 3.8 → 400 + 0.8 × 600; 0.99 × 4 = 3.96 → 400 + 0.96 × 600.
    expect(before.ttftP95Ms).toBeCloseTo(880, 9);
    expect(before.ttftP99Ms).toBeCloseTo(976, 9);
    expect(after).toMatchObject({ llmCalls: 1, streamedLlmCalls: 1, ttftP50Ms: 250, ttftP95Ms: 250, ttftP99Ms: 250 });
  });

  it('answers null percentiles and zero streamed calls for a window without streamed calls', async () => {
    const other = (await createAgent(t.client, owner)).id;
    const d = (await createDeployment(t.client, owner, other, { configuration: {} })).id;
    await t.client.patch(`/api/deployments/${d}`, owner.auth).send({ status: 'in_progress' });
    await t.client.patch(`/api/deployments/${d}`, owner.auth).send({ status: 'succeeded' });
    const res = await t.client.get(`/api/analytics/deployments/compare?a=${d}&b=${d}`, owner.auth);
    expect(res.body.a.before).toMatchObject({ llmCalls: 0, streamedLlmCalls: 0, ttftP50Ms: null, ttftP95Ms: null, ttftP99Ms: null });
  });

  it('reports them per model in GET /api/analytics/llm/by-model, beside latency percentiles', async () => {
    const res = await t.client.get(`/api/analytics/llm/by-model?start_date=${iso(finish - 2 * HOUR)}&end_date=${iso(finish)}`, owner.auth);
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    const [gpt] = res.body;
    expect(gpt).toMatchObject({
      model: 'gpt-4o',
      calls: 7,
      errors: 0,
      errorRate: 0,
      latencyMs: { p50: 1500, p95: 1500, p99: 1500 },
      inputTokens: 70,
      outputTokens: 35,
    });
    expect(gpt.costUsd).toBeCloseTo(0.007, 12);
    expect(gpt.timeToFirstTokenMs.streamedCalls).toBe(5);
    expect(gpt.timeToFirstTokenMs.p50).toBe(300);
    expect(gpt.timeToFirstTokenMs.p95).toBeCloseTo(880, 9);
    expect(gpt.timeToFirstTokenMs.p99).toBeCloseTo(976, 9);

    const none = await t.client.get(`/api/analytics/llm/by-model?start_date=${iso(finish - 15 * 60_000)}&end_date=${iso(finish)}`, owner.auth);
    expect(none.body).toEqual([expect.objectContaining({ calls: 2, timeToFirstTokenMs: { streamedCalls: 0, p50: null, p95: null, p99: null } })]);
    const bad = await t.client.get('/api/analytics/llm/by-model?start_date=soon', owner.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('start_date');
    const stranger = await createUser(t.client, t.sql);
    expect((await t.client.get(`/api/analytics/llm/by-model?start_date=${iso(finish - 2 * HOUR)}&end_date=${iso(finish)}`, stranger.auth)).body).toEqual([]);
    expect((await t.client.get(`/api/analytics/llm/by-model?user_id=${owner.id}`, stranger.auth)).status).toBe(403);
  });

  it('counts errors and interpolates latency percentiles per model, filters by model, and names bad parameters', async () => {
    const user = await createUser(t.client, t.sql);
    const agent = (await createAgent(t.client, user)).id;
    const at = (minute: number) => iso(NOW - HOUR + minute * 60_000);
    const latencies = [100, 200, 300, 400, 1000];
    const res = await t.client.post('/api/ingest', user.auth).send({
      llmCalls: [
        ...latencies.map((latencyMs, i) => ({
          agentId: agent,
          model: 'model-a',
          inputTokens: 1,
          outputTokens: 1,
          latencyMs,
          status: i < 2 ? 'error' : 'success',
          errorType: i < 2 ? 'rate_limit' : undefined,
          costUsd: 0.5,
          timestamp: at(i),
        })),
        { agentId: agent, model: 'model-b', inputTokens: 2, outputTokens: 3, latencyMs: 50, status: 'success', costUsd: 0.25, timestamp: at(10) },
      ],
    });
    expect(res.status).toBe(202);
    const range = `start_date=${iso(NOW - 2 * HOUR)}&end_date=${iso(NOW)}`;
    const all = await t.client.get(`/api/analytics/llm/by-model?${range}`, user.auth);
    expect(all.status).toBe(200);
    const a = all.body[0];
    // percentile_cont over [100, 200, 300, 400, 1000]: 0.95 × 4 = 3.8 → 400 + 0.8 × 600 = 880; 0.99 × 4 = 3.96 → 976.
    expect([a.model, a.calls, a.errors, a.errorRate, a.latencyMs.p50, a.inputTokens, a.outputTokens, a.costUsd]).toEqual([
      'model-a',
      5,
      2,
      0.4,
      300,
      5,
      5,
      2.5,
    ]);
    expect(a.latencyMs.p95).toBeCloseTo(880, 9);
    expect(a.latencyMs.p99).toBeCloseTo(976, 9);
    expect(all.body[1]).toMatchObject({ model: 'model-b', calls: 1, errors: 0, errorRate: 0, latencyMs: { p50: 50, p95: 50, p99: 50 }, costUsd: 0.25 });
    const onlyB = await t.client.get(`/api/analytics/llm/by-model?${range}&model=model-b`, user.auth);
    expect(onlyB.body.map((r: { model: string }) => r.model)).toEqual(['model-b']);
    for (const [query, field] of [
      ['end_date=tomorrow', 'end_date'],
      [`model=${'m'.repeat(201)}`, 'model'],
      ['user_id=not-a-uuid', 'user_id'],
    ]) {
      const bad = await t.client.get(`/api/analytics/llm/by-model?${query}`, user.auth);
      expect([query, bad.status]).toEqual([query, 400]);
      expect(JSON.stringify(bad.body.message)).toContain(field);
    }
  });
});
