import { JobScheduler, RETENTION_JOB } from '@fleetwatch/database';
import { createAgent, createApiKey, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-03-10T12:00:00.000Z';
const at = (minute: number, second = 0) => `2026-03-10T11:${String(minute).padStart(2, '0')}:${String(second).padStart(2, '0')}.000Z`;

/** Runs through POST /api/ingest alone, as an agent without OpenTelemetry sends them. */
describe('runs from POST /api/ingest', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestAgent;
  let other: TestAgent;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW, env: { RAW_RETENTION_DAYS: '30' } });
    owner = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner);
    other = await createAgent(t.client, owner);
    key = await createApiKey(t.client, owner, ['ingest', 'monitoring:read']);
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (body: object) => t.client.post('/api/ingest', { apiKey: key }).send(body);
  const runByClientId = (agentId: string, id: string) => t.client.get(`/api/runs/${encodeURIComponent(id)}?agentId=${agentId}`, { apiKey: key });
  const storedCost = async (agentId: string, runId: string): Promise<number> => {
    const { rows } = await t.sql.query(`select coalesce(sum(cost_usd), 0)::text as cost from llm_calls where agent_id = $1 and run_id = $2`, [agentId, runId]);
    return Number(rows[0].cost);
  };
  const llm = (runId: string, minute: number, extra: object = {}) => ({
    agentId: agent.id,
    model: 'gpt-4o',
    inputTokens: 1000,
    outputTokens: 200,
    latencyMs: 900,
    status: 'success',
    runId,
    timestamp: at(minute),
    ...extra,
  });
  const tool = (runId: string, minute: number, extra: object = {}) => ({
    agentId: agent.id,
    tool: 'search',
    durationMs: 50,
    status: 'success',
    runId,
    timestamp: at(minute),
    ...extra,
  });

  it('counts a run’s steps, tokens by type, cost, errors and duration from its calls', async () => {
    const res = await post({
      runs: [{ id: 'run-1', agentId: agent.id, name: 'triage', status: 'success', startedAt: at(0), endedAt: at(10, 30), metadata: { ticket: 42 } }],
      llmCalls: [
        llm('run-1', 1, { cacheReadInputTokens: 600, cacheCreationInputTokens: 100, reasoningOutputTokens: 50 }),
        llm('run-1', 3, { inputTokens: 2000, outputTokens: 300, cacheCreationInputTokens: 400, cacheCreation5mInputTokens: 400, audioInputTokens: 10 }),
        llm('run-1', 5, { inputTokens: 500, outputTokens: 100, costUsd: 0.125, imageInputTokens: 20, audioOutputTokens: 5 }),
      ],
      toolCalls: [tool('run-1', 2), tool('run-1', 4, { status: 'error', errorType: 'timeout' })],
    });
    expect(res.status).toBe(202);
    expect(res.body.accepted).toEqual({ samples: 0, llmCalls: 3, toolCalls: 2, events: 0, runs: 1 });

    const run = await runByClientId(agent.id, 'run-1');
    expect(run.status).toBe(200);
    const cost = await storedCost(agent.id, 'run-1');
    expect(cost).toBeGreaterThan(0.125);
    expect(run.body).toMatchObject({
      id: 'run-1',
      agentId: agent.id,
      name: 'triage',
      status: 'success',
      reported: true,
      startedAt: at(0),
      endedAt: at(10, 30),
      durationMs: 10.5 * 60_000,
      steps: 5,
      llmCalls: 3,
      toolCalls: 2,
      errors: 1,
      tokens: {
        total: 3500 + 600,
        input: 3500,
        output: 600,
        cacheRead: 600,
        cacheCreation: 500,
        cacheCreation5m: 400,
        cacheCreation1h: 0,
        reasoning: 50,
        audioInput: 10,
        audioOutput: 5,
        imageInput: 20,
      },
      costUsd: cost,
      firstCallAt: at(1),
      lastCallAt: at(5),
      metadata: { ticket: 42 },
    });
    expect(run.body.key).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('adds a later batch’s calls to the same run, and a re-sent run updates its status and end', async () => {
    const res = await post({
      runs: [{ id: 'run-1', agentId: agent.id, status: 'error', startedAt: at(0, 30), endedAt: at(20) }],
      llmCalls: [llm('run-1', 12, { status: 'error', errorType: 'rate_limit', inputTokens: 10, outputTokens: 0 })],
      toolCalls: [tool('run-1', 13)],
    });
    expect(res.status).toBe(202);
    const run = await runByClientId(agent.id, 'run-1');
    expect(run.body).toMatchObject({
      name: 'triage',
      status: 'error',
      startedAt: at(0),
      endedAt: at(20),
      durationMs: 20 * 60_000,
      steps: 7,
      llmCalls: 4,
      toolCalls: 3,
      errors: 2,
      tokens: { input: 3510, output: 600, cacheRead: 600 },
      costUsd: await storedCost(agent.id, 'run-1'),
      lastCallAt: at(13),
    });
  });

  it('makes a running placeholder from calls sent before their run, then completes it when the run arrives', async () => {
    await post({ llmCalls: [llm('late-run', 20, { conversationId: 'conv-a', traceId: 'trace-9' })], toolCalls: [tool('late-run', 21)] });
    const placeholder = await runByClientId(agent.id, 'late-run');
    expect(placeholder.body).toMatchObject({
      status: 'running',
      reported: false,
      name: null,
      startedAt: at(20),
      endedAt: null,
      conversationId: 'conv-a',
      traceId: 'trace-9',
      steps: 2,
      durationMs: Date.parse(NOW) - Date.parse(at(20)),
    });

    await post({ runs: [{ id: 'late-run', agentId: agent.id, name: 'answer', status: 'success', startedAt: at(19, 30), endedAt: at(22) }] });
    const done = await runByClientId(agent.id, 'late-run');
    expect(done.body).toMatchObject({
      status: 'success',
      reported: true,
      name: 'answer',
      startedAt: at(19, 30),
      endedAt: at(22),
      conversationId: 'conv-a',
      steps: 2,
      llmCalls: 1,
      toolCalls: 1,
    });
  });

  it('merges one run sent twice in a batch, and keeps run ids apart per agent', async () => {
    const res = await post({
      runs: [
        { id: 'dup', agentId: agent.id, status: 'running', startedAt: at(30), name: 'first' },
        { id: 'dup', agentId: agent.id, status: 'success', startedAt: at(31), endedAt: at(35) },
        { id: 'dup', agentId: other.id, status: 'running', startedAt: at(40) },
      ],
      llmCalls: [llm('dup', 32)],
    });
    expect(res.status).toBe(202);
    expect((await runByClientId(agent.id, 'dup')).body).toMatchObject({ status: 'success', name: 'first', startedAt: at(30), endedAt: at(35), llmCalls: 1 });
    expect((await runByClientId(other.id, 'dup')).body).toMatchObject({ status: 'running', startedAt: at(40), llmCalls: 0, steps: 0 });
  });

  it('groups a conversation spanning two runs', async () => {
    await post({
      runs: [
        { id: 'c-1', agentId: agent.id, conversationId: 'conv-b', status: 'success', startedAt: at(40), endedAt: at(42) },
        { id: 'c-2', agentId: agent.id, conversationId: 'conv-b', status: 'running', startedAt: at(45) },
      ],
      llmCalls: [llm('c-1', 41, { costUsd: 0.25 }), llm('c-2', 46, { costUsd: 0.5, outputTokens: 100 })],
      toolCalls: [tool('c-2', 47, { status: 'error' })],
    });
    const res = await t.client.get(`/api/agents/${agent.id}/conversations`, { apiKey: key });
    expect(res.status).toBe(200);
    const conv = res.body.find((c: { conversationId: string }) => c.conversationId === 'conv-b');
    expect(conv).toEqual({
      conversationId: 'conv-b',
      runs: 2,
      runningRuns: 1,
      steps: 3,
      errors: 1,
      tokens: expect.objectContaining({ input: 2000, output: 300, total: 2300 }),
      costUsd: 0.75,
      firstActivityAt: at(40),
      lastActivityAt: at(47),
    });
  });

  it('refuses a bad run item, naming it, and stores nothing of the batch', async () => {
    const before = await t.sql.query(`select (select count(*) from runs)::int as runs, (select count(*) from llm_calls)::int as calls`);
    const cases: [object, string][] = [
      [{ runs: [{ id: 'x', agentId: agent.id, status: 'done', startedAt: at(1) }] }, 'runs[0].status'],
      [{ runs: [{ id: 'x', agentId: agent.id, status: 'success' }] }, 'runs[0].startedAt is required'],
      [{ runs: [{ id: 'x', agentId: agent.id, status: 'success', startedAt: at(5), endedAt: at(4) }] }, 'runs[0].endedAt must not be before runs[0].startedAt'],
      [
        { runs: [{ id: 'x', agentId: agent.id, status: 'success', startedAt: '2026-03-10T13:00:00Z' }] },
        'runs[0].startedAt is more than 5 minutes in the future',
      ],
      [{ runs: [{ id: '', agentId: agent.id, status: 'success', startedAt: at(1) }] }, 'runs[0].id'],
      [{ runs: [{ id: 'x', agentId: agent.id, status: 'success', startedAt: at(1), extra: 1 }] }, 'runs[0].extra is not an allowed property'],
    ];
    for (const [body, message] of cases) {
      const res = await post({ ...body, llmCalls: [llm('x', 1)] });
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(message);
    }
    const foreignOwner = await createUser(t.client, t.sql);
    const foreign = await createAgent(t.client, foreignOwner);
    const refused = await post({ runs: [{ id: 'x', agentId: foreign.id, status: 'success', startedAt: at(1) }], llmCalls: [llm('x', 1)] });
    expect(refused.status).toBe(404);
    expect(refused.body.message).toBe(`agent ${foreign.id} not found (runs[0].agentId)`);
    // An id no agent has: the same 404, not the runs table's foreign key.
    const unknown = '0190a000-0000-7000-8000-00000000dead';
    const missing = await post({ runs: [{ id: 'x', agentId: unknown, status: 'success', startedAt: at(1) }], llmCalls: [llm('x', 1)] });
    expect([missing.status, missing.body.message]).toEqual([404, `agent ${unknown} not found (runs[0].agentId)`]);
    const after = await t.sql.query(`select (select count(*) from runs)::int as runs, (select count(*) from llm_calls)::int as calls`);
    expect(after.rows).toEqual(before.rows);
  });

  it('refuses a run for another agent through a key bound to one agent, and replays an idempotent batch with its runs once', async () => {
    const bound = await t.client.post('/api/auth/api-keys', owner.auth).send({ name: 'bound', scopes: ['ingest'], agentId: agent.id });
    expect(bound.status).toBe(201);
    const refused = await t.client
      .post('/api/ingest', { apiKey: bound.body.key })
      .send({ runs: [{ id: 'b', agentId: other.id, status: 'running', startedAt: at(50) }] });
    expect(refused.status).toBe(403);
    expect(refused.body.message).toBe(`this API key is bound to agent ${agent.id} (runs[0].agentId names another)`);

    const body = { runs: [{ id: 'idem', agentId: agent.id, status: 'success', startedAt: at(50), endedAt: at(51) }], llmCalls: [llm('idem', 50)] };
    for (let i = 0; i < 2; i++) {
      const res = await t.client.post('/api/ingest', { apiKey: key }).set('Idempotency-Key', 'runs-once').send(body);
      expect(res.status).toBe(202);
      expect(res.body.accepted).toEqual({ samples: 0, llmCalls: 1, toolCalls: 0, events: 0, runs: 1 });
    }
    expect((await runByClientId(agent.id, 'idem')).body).toMatchObject({ llmCalls: 1, steps: 1 });
  });

  it('deletes an agent’s runs with the agent', async () => {
    const doomed = await createAgent(t.client, owner);
    await post({ runs: [{ id: 'gone', agentId: doomed.id, status: 'running', startedAt: at(50) }], llmCalls: [{ ...llm('gone', 51), agentId: doomed.id }] });
    expect((await runByClientId(doomed.id, 'gone')).status).toBe(200);
    expect((await t.client.delete(`/api/agents/${doomed.id}`, owner.auth)).status).toBe(204);
    const { rows } = await t.sql.query(`select count(*)::int as n from runs where agent_id = $1`, [doomed.id]);
    expect(rows[0].n).toBe(0);
  });

  it('keeps a run’s totals after retention drops its raw calls', async () => {
    const before = (await runByClientId(agent.id, 'run-1')).body;
    expect(before.calls).toHaveLength(7);
    expect(before.callsAvailable).toBe(7);
    t.clock.set(new Date(Date.parse(NOW) + 40 * 86_400_000));
    expect((await t.get(JobScheduler).runNow(RETENTION_JOB)).ran).toBe(true);
    const { rows } = await t.sql.query(`select count(*)::int as n from llm_calls where run_id = 'run-1'`);
    expect(rows[0].n).toBe(0);
    const after = await runByClientId(agent.id, 'run-1');
    expect(after.status).toBe(200);
    const { calls, callsAvailable, ...totals } = after.body;
    const { calls: _c, callsAvailable: _a, ...totalsBefore } = before;
    expect(calls).toEqual([]);
    expect(callsAvailable).toBe(0);
    expect(totals).toEqual(totalsBefore);
  });
});
