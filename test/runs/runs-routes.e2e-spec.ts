import { IngestBatch, LlmCallItem, TelemetryWriter, ToolCallItem } from '@fleetwatch/ingest';
import { createAgent, createUser, describeAuthorizationMatrix, MatrixWorld, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-03-10T12:00:00.000Z';
const at = (minute: number) => `2026-03-10T10:${String(minute).padStart(2, '0')}:00.000Z`;

describe('runs routes', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let admin: TestUser;
  let agent: TestAgent;
  let foreign: TestAgent;
  const keys: Record<string, string> = {};

  const run = (id: string, minute: number, status: string, extra: object = {}) => ({ id, agentId: agent.id, status, startedAt: at(minute), ...extra });
  const call = (runId: string, minute: number, costUsd: number) => ({
    agentId: agent.id,
    model: 'gpt-4o',
    inputTokens: 100,
    outputTokens: 10,
    latencyMs: 5,
    status: 'success',
    costUsd,
    runId,
    timestamp: at(minute),
  });

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    agent = await createAgent(t.client, owner);
    foreign = await createAgent(t.client, other);
    const res = await t.client.post('/api/ingest', owner.auth).send({
      runs: [
        run('r1', 1, 'success', { endedAt: at(2), conversationId: 'c1' }),
        run('r2', 10, 'error', { endedAt: at(12), conversationId: 'c1' }),
        run('r3', 20, 'running', { conversationId: 'c2' }),
        run('r4', 30, 'success', { endedAt: at(31) }),
        run('r5', 40, 'running'),
      ],
      llmCalls: [call('r1', 1, 0.5), call('r2', 11, 2), call('r3', 21, 1), call('r4', 30, 0.25), call('r5', 41, 3)],
    });
    expect(res.status).toBe(202);
    for (const r of (await t.client.get(`/api/agents/${agent.id}/runs`, owner.auth)).body) keys[r.id] = r.key;
  });
  afterAll(async () => {
    await t.close();
  });

  const ids = (body: { id: string }[]) => body.map((r) => r.id);
  const list = (query = '') => t.client.get(`/api/agents/${agent.id}/runs${query}`, owner.auth);

  it('lists an agent’s runs newest first, with their figures', async () => {
    const res = await list();
    expect(res.status).toBe(200);
    expect(ids(res.body)).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
    expect(res.headers['x-next-cursor']).toBeUndefined();
    expect(res.body[1]).toMatchObject({ id: 'r4', status: 'success', durationMs: 60_000, steps: 1, llmCalls: 1, toolCalls: 0, errors: 0, costUsd: 0.25 });
    expect(res.body[1].tokens).toMatchObject({ input: 100, output: 10, total: 110 });
    expect(res.body[0]).toMatchObject({ id: 'r5', status: 'running', endedAt: null, durationMs: Date.parse(NOW) - Date.parse(at(40)) });
  });

  it('filters by status, conversation, time range and minimum cost', async () => {
    expect(ids((await list('?status=running')).body)).toEqual(['r5', 'r3']);
    expect(ids((await list('?conversationId=c1')).body)).toEqual(['r2', 'r1']);
    expect(ids((await list(`?from=${at(10)}&to=${at(30)}`)).body)).toEqual(['r3', 'r2']);
    expect(ids((await list('?minCostUsd=1')).body)).toEqual(['r5', 'r3', 'r2']);
    expect(ids((await list('?minCostUsd=1&status=running&conversationId=c2')).body)).toEqual(['r3']);
  });

  it('pages with limit and the X-Next-Cursor header', async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const res = await list(`?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      seen.push(...ids(res.body));
      cursor = res.headers['x-next-cursor'];
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(['r5', 'r4', 'r3', 'r2', 'r1']);
  });

  it('answers 400 naming the bad query parameter', async () => {
    const cases: [string, string][] = [
      ['?status=done', 'status'],
      ['?from=yesterday', 'from'],
      ['?minCostUsd=-1', 'minCostUsd'],
      ['?limit=0', 'limit'],
      ['?cursor=nope', 'cursor'],
      ['?colour=red', 'colour'],
    ];
    for (const [query, field] of cases) {
      const res = await list(query);
      expect(res.status).toBe(400);
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
    const badAgent = await t.client.get('/api/runs/r1?agentId=not-a-uuid', owner.auth);
    expect(badAgent.status).toBe(400);
    expect(JSON.stringify(badAgent.body.message)).toContain('agentId');
    const badConversationCursor = await t.client.get(`/api/agents/${agent.id}/conversations?cursor=nope`, owner.auth);
    expect([badConversationCursor.status, badConversationCursor.body.code, badConversationCursor.body.message]).toEqual([
      400,
      (await list('?cursor=nope')).body.code,
      ['cursor must be a value taken from the X-Next-Cursor header'],
    ]);
  });

  it('reads a run by its key or by its id with the agent, and 404s for anyone else’s', async () => {
    const byKey = await t.client.get(`/api/runs/${keys.r2}`, owner.auth);
    expect(byKey.status).toBe(200);
    expect(byKey.body).toMatchObject({ key: keys.r2, id: 'r2', status: 'error', conversationId: 'c1', costUsd: 2, callsAvailable: 1 });
    expect(byKey.body.calls).toEqual([
      {
        kind: 'llm',
        id: expect.any(String),
        timestamp: at(11),
        status: 'success',
        errorType: null,
        durationMs: 5,
        spanId: null,
        parentSpanId: null,
        traceId: null,
        model: 'gpt-4o',
        responseModel: null,
        // Sent without one: the provider of the price the model matches.
        provider: 'openai',
        tokens: {
          total: 110,
          input: 100,
          output: 10,
          cacheRead: 0,
          cacheCreation: 0,
          cacheCreation5m: 0,
          cacheCreation1h: 0,
          reasoning: 0,
          audioInput: 0,
          audioOutput: 0,
          imageInput: 0,
        },
        costUsd: 2,
        timeToFirstTokenMs: null,
        children: [],
      },
    ]);
    const byId = await t.client.get(`/api/runs/r2?agentId=${agent.id}`, owner.auth);
    expect(byId.body).toEqual(byKey.body);
    expect((await t.client.get(`/api/runs/${keys.r2}`, admin.auth)).status).toBe(200);

    const hidden = await t.client.get(`/api/runs/${keys.r2}`, other.auth);
    expect(hidden.status).toBe(404);
    expect(hidden.body).toMatchObject({ code: 'run_not_found', message: `run ${keys.r2} not found` });
    expect((await t.client.get(`/api/runs/r2?agentId=${agent.id}`, other.auth)).body.code).toBe('agent_not_found');
    expect((await t.client.get(`/api/runs/r2`, owner.auth)).status).toBe(404);
    expect((await t.client.get(`/api/runs/nope?agentId=${agent.id}`, owner.auth)).body.code).toBe('run_not_found');
    expect((await t.client.get(`/api/agents/${foreign.id}/runs`, owner.auth)).status).toBe(404);
    expect((await t.client.get(`/api/agents/${foreign.id}/conversations`, owner.auth)).status).toBe(404);
  });

  it('nests calls under the call owning their parent span, in time order', async () => {
    // What OTLP stores: span ids on the calls, the root agent span as the run.
    const ts = (s: number) => new Date(Date.parse(at(50)) + s * 1000);
    const llm = (spanId: string, parentSpanId: string, s: number): LlmCallItem => ({
      agentId: agent.id,
      model: 'gpt-4o',
      provider: 'openai',
      inputTokens: 10,
      outputTokens: 1,
      latencyMs: 100,
      status: 'success',
      errorType: null,
      costUsd: 0.01,
      traceId: 'trace-t',
      runId: 'span-root',
      spanId,
      parentSpanId,
      timestamp: ts(s),
    });
    const tool = (spanId: string, parentSpanId: string, s: number): ToolCallItem => ({
      agentId: agent.id,
      tool: 'lookup',
      durationMs: 20,
      status: 'success',
      errorType: null,
      traceId: 'trace-t',
      runId: 'span-root',
      spanId,
      parentSpanId,
      timestamp: ts(s),
    });
    const batch: IngestBatch = {
      runs: [
        {
          id: 'span-root',
          agentId: agent.id,
          conversationId: null,
          name: 'agent',
          status: 'success',
          startedAt: ts(0),
          endedAt: ts(10),
          metadata: null,
          traceId: 'trace-t',
          spanId: 'span-root',
        },
      ],
      samples: [],
      llmCalls: [llm('s1', 'span-root', 1), llm('s3', 'span-root', 5)],
      toolCalls: [tool('s2', 's1', 2), tool('s4', 's2', 3)],
      events: [],
    };
    await t.get(TelemetryWriter).write(batch, { userId: owner.id, role: 'user', scopes: ['ingest'], via: 'jwt' });
    const res = await t.client.get(`/api/runs/span-root?agentId=${agent.id}`, owner.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ spanId: 'span-root', traceId: 'trace-t', steps: 4, callsAvailable: 4 });
    const shape = (calls: { spanId: string; parentSpanId: string; kind: string; children: unknown[] }[]): unknown =>
      calls.map((c) => ({ span: c.spanId, parent: c.parentSpanId, kind: c.kind, children: shape(c.children as never) }));
    expect(shape(res.body.calls)).toEqual([
      {
        span: 's1',
        parent: 'span-root',
        kind: 'llm',
        children: [{ span: 's2', parent: 's1', kind: 'tool', children: [{ span: 's4', parent: 's2', kind: 'tool', children: [] }] }],
      },
      { span: 's3', parent: 'span-root', kind: 'llm', children: [] },
    ]);
  });

  it('lists the first 5,000 calls of a longer run and says the list is cut, while the totals count every call', async () => {
    const long = await createAgent(t.client, owner);
    const calls = Array.from({ length: 5_001 }, (_, i) => ({
      ...call('long', 50, 0.001),
      agentId: long.id,
      timestamp: new Date(Date.parse(at(50)) + i).toISOString(),
    }));
    const res = await t.client
      .post('/api/ingest', owner.auth)
      .send({ runs: [{ id: 'long', agentId: long.id, status: 'running', startedAt: at(50) }], llmCalls: calls });
    expect(res.status).toBe(202);
    const detail = await t.client.get(`/api/runs/long?agentId=${long.id}`, owner.auth);
    expect(detail.status).toBe(200);
    expect([detail.body.steps, detail.body.callsAvailable, detail.body.callsTruncated, detail.body.calls.length]).toEqual([5_001, 5_000, true, 5_000]);
    // In time order: the last call (at +5,000 ms) is the one left out.
    expect(detail.body.calls[4_999].timestamp).toBe(new Date(Date.parse(at(50)) + 4_999).toISOString());
    const short = await t.client.get(`/api/runs/${keys.r2}`, owner.auth);
    expect([short.body.callsAvailable, short.body.callsTruncated]).toEqual([1, false]);
  });

  it('lists conversations by latest activity, paged', async () => {
    const first = await t.client.get(`/api/agents/${agent.id}/conversations?limit=1`, owner.auth);
    expect(first.status).toBe(200);
    expect(first.body).toEqual([
      expect.objectContaining({ conversationId: 'c2', runs: 1, runningRuns: 1, steps: 1, costUsd: 1, firstActivityAt: at(20), lastActivityAt: at(21) }),
    ]);
    const cursor = first.headers['x-next-cursor'];
    expect(cursor).toBeDefined();
    const second = await t.client.get(`/api/agents/${agent.id}/conversations?limit=1&cursor=${cursor}`, owner.auth);
    expect(second.body).toEqual([
      expect.objectContaining({ conversationId: 'c1', runs: 2, runningRuns: 0, steps: 2, costUsd: 2.5, firstActivityAt: at(1), lastActivityAt: at(12) }),
    ]);
    expect(second.headers['x-next-cursor']).toBeUndefined();
  });

  describeAuthorizationMatrix(
    'runs',
    (): MatrixWorld => ({ client: t.client, owner, otherUser: other, admin, fixtures: { agentId: agent.id, key: keys.r1 } }),
    [
      {
        route: 'GET /api/agents/:id/runs',
        method: 'get',
        path: (w) => `/api/agents/${w.fixtures.agentId}/runs`,
        scope: 'monitoring:read',
        expect: { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
      },
      {
        route: 'GET /api/runs/:id',
        method: 'get',
        path: (w) => `/api/runs/${w.fixtures.key}`,
        scope: 'monitoring:read',
        expect: { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
      },
      {
        route: 'GET /api/runs/:id?agentId',
        method: 'get',
        path: (w) => `/api/runs/r1?agentId=${w.fixtures.agentId}`,
        scope: 'monitoring:read',
        expect: { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
      },
      {
        route: 'GET /api/agents/:id/conversations',
        method: 'get',
        path: (w) => `/api/agents/${w.fixtures.agentId}/conversations`,
        scope: 'monitoring:read',
        expect: { anonymous: 401, owner: 200, otherUser: 404, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 },
      },
    ],
  );
});
