import { createAgent, createUser, insertLlmRollups, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { ensureLlmPartitions, insertLlmCalls } from './llm-call-rows';

const NOW = '2026-11-20T12:00:00.000Z';

/** Raw calls are dropped after RAW_RETENTION_DAYS; all_time totals take older hours from the rollups. */
describe('usage aggregate across raw retention', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    const agent = await createAgent(t.client, owner);
    const foreign = await createAgent(t.client, other);
    await ensureLlmPartitions(t.sql, '2026-11-19', '2026-11-20');
    // Recent raw calls, and their hour's rollup as the rollup job would have written it: counted once.
    await insertLlmCalls(t.sql, [
      { agentId: agent.id, ts: '2026-11-20T10:15:00Z', model: 'gpt-4o', inputTokens: 100, outputTokens: 50, costUsd: 0.25, rateSource: 'model' },
      {
        agentId: agent.id,
        ts: '2026-11-20T10:45:00Z',
        model: 'gpt-4o',
        inputTokens: 200,
        outputTokens: 20,
        costUsd: 0.5,
        rateSource: 'model',
        status: 'error',
      },
    ]);
    const rollup = (agentId: string, hour: string, count: number, errors: number, inputTokens: number, outputTokens: number, costUsd: number) =>
      insertLlmRollups(t.sql, [
        { agentId, model: 'gpt-4o', hour, count, errors, inputTokens, outputTokens, costUsd, latencySum: 0, latencyMin: 0, latencyMax: 0, latencyHist: {} },
      ]);
    await rollup(agent.id, '2026-11-20T10:00:00Z', 2, 1, 300, 70, 0.75);
    // An hour 60 days back: its raw partition is long gone, only the rollup remains.
    await rollup(agent.id, '2026-09-21T08:00:00Z', 4, 1, 1000, 400, 1.125);
    await rollup(foreign.id, '2026-09-21T08:00:00Z', 9, 0, 9000, 900, 9);
  });
  afterAll(async () => {
    await t.close();
  });

  it('adds the rollup hours older than raw retention to the raw calls, once', async () => {
    const res = await t.client.get('/api/usage/aggregate?period=all_time', owner.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      period: 'all_time',
      periodStart: null,
      requests: 2 + 4,
      successfulRequests: 1 + 3,
      failedRequests: 1 + 1,
      inputTokens: 300 + 1000,
      outputTokens: 70 + 400,
      totalTokens: 370 + 1400,
      costUsd: 0.75 + 1.125,
    });
  });

  it('keeps the current month to raw calls (the month lies inside retention)', async () => {
    const res = await t.client.get('/api/usage/aggregate?period=current', owner.auth);
    expect(res.body).toMatchObject({ requests: 2, inputTokens: 300, costUsd: 0.75 });
  });

  it('lets an admin see every owner’s old hours', async () => {
    const admin = await createUser(t.client, t.sql, { admin: true });
    const res = await t.client.get('/api/usage/aggregate?period=all_time', admin.auth);
    expect(res.body).toMatchObject({ requests: 2 + 4 + 9, costUsd: 0.75 + 1.125 + 9 });
  });
});
