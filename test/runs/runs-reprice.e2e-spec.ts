import { createAgent, createApiKey, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-03-10T12:00:00.000Z';

/** A run's cost is the sum of its calls' stored costs, also after a reprice rewrites them. */
describe('run cost after a reprice', () => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;
  let agent: TestAgent;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agent = await createAgent(t.client, owner);
    key = await createApiKey(t.client, owner, ['ingest', 'monitoring:read']);
  });
  afterAll(async () => {
    await t.close();
  });

  const call = (minute: number, runId: string | undefined, extra: object = {}) => ({
    agentId: agent.id,
    model: 'fw-test-model',
    inputTokens: 1000,
    outputTokens: 500,
    latencyMs: 100,
    status: 'success',
    timestamp: `2026-03-10T11:0${minute}:00.000Z`,
    ...(runId ? { runId } : {}),
    ...extra,
  });
  const run = async (id: string) => (await t.client.get(`/api/runs/${id}?agentId=${agent.id}`, { apiKey: key })).body as { costUsd: number; llmCalls: number };

  it('follows the new price for the run’s computed costs and keeps the client’s', async () => {
    const put = (inputPer1M: number, outputPer1M: number) =>
      t.client.put('/api/cost/models/fw-test-model', admin.auth).send({ inputPer1M, outputPer1M, effectiveFrom: '2026-01-01T00:00:00Z' });
    expect((await put(1, 2)).status).toBe(200);
    const res = await t.client
      .post('/api/ingest', { apiKey: key })
      .send({ llmCalls: [call(1, 'run-a'), call(2, 'run-a'), call(3, 'run-a', { costUsd: 0.5 }), call(4, undefined), call(5, 'run-b')] });
    expect(res.status).toBe(202);
    // (1000 × 1 + 500 × 2) / 1e6 = 0.002 per computed call.
    expect(await run('run-a')).toMatchObject({ llmCalls: 3, costUsd: 0.002 + 0.002 + 0.5 });
    expect(await run('run-b')).toMatchObject({ llmCalls: 1, costUsd: 0.002 });

    // The same version replaced with new figures, then repriced: (1000 × 3 + 500 × 4) / 1e6 = 0.005.
    expect((await put(3, 4)).status).toBe(200);
    const reprice = await t.client.post('/api/admin/cost/reprice', admin.auth).send({ from: '2026-03-10T00:00:00Z', to: '2026-03-11T00:00:00Z' });
    expect(reprice.body).toMatchObject({ scanned: 4, changed: 4 });
    expect(await run('run-a')).toMatchObject({ llmCalls: 3, costUsd: 0.005 + 0.005 + 0.5 });
    expect(await run('run-b')).toMatchObject({ llmCalls: 1, costUsd: 0.005 });
    const { rows } = await t.sql.query(`select run_id, sum(cost_usd)::text as cost from llm_calls where run_id is not null group by run_id order by run_id`);
    expect(rows).toEqual([
      { run_id: 'run-a', cost: '0.5100000000' },
      { run_id: 'run-b', cost: '0.0050000000' },
    ]);
  });
});
