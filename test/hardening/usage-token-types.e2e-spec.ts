import { parse } from 'csv-parse/sync';
import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { insertRecent, SNAPSHOT } from './usage-support';

const NOW = '2026-11-20T12:00:00.000Z';

describe('usage by token type on the usage routes and the agent metric records', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner, { name: 'typed' });
    await insertRecent(t.sql, agent.id);
  });
  afterAll(async () => {
    await t.close();
  });

  it('breaks costs down per model with each token type and the unpriced calls', async () => {
    const res = await t.client.get('/api/usage/costs?period=last_30_days', owner.auth);
    expect(res.status).toBe(200);
    const types = {
      cacheReadInputTokens: 0,
      cacheCreationInputTokens: 0,
      cacheCreation5mInputTokens: 0,
      cacheCreation1hInputTokens: 0,
      reasoningOutputTokens: 0,
      audioInputTokens: 0,
      audioOutputTokens: 0,
      imageInputTokens: 0,
    };
    expect(res.body.byModel).toEqual([
      {
        model: 'claude-sonnet-4-5',
        provider: 'anthropic',
        requests: 1,
        inputTokens: 500,
        outputTokens: 20,
        ...types,
        cacheReadInputTokens: 400,
        reasoningOutputTokens: 5,
        costUsd: 0.004,
        unpriced: { requests: 0, inputTokens: 0, outputTokens: 0 },
      },
      {
        model: 'mystery-model',
        provider: null,
        requests: 1,
        inputTokens: 100,
        outputTokens: 10,
        ...types,
        costUsd: 0.0002,
        unpriced: { requests: 1, inputTokens: 100, outputTokens: 10 },
      },
    ]);
    expect(res.body.unpriced).toEqual({ requests: 1, inputTokens: 100, outputTokens: 10 });
    expect(res.body.totalCostUsd).toBe(0.0042);
  });

  it('lists each call with every token type, the response model and which price applied', async () => {
    const res = await t.client.get('/api/usage/requests?per_page=1', owner.auth);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ page: 1, per_page: 1, total: 2, total_pages: 2 });
    const second = await t.client.get('/api/usage/requests?page=2&per_page=1', owner.auth);
    expect(second.body.requests).toEqual([
      {
        id: expect.any(String),
        timestamp: '2026-11-20T10:00:00.000Z',
        agentId: agent.id,
        agentName: 'typed',
        model: 'claude-sonnet-4-5',
        responseModel: SNAPSHOT,
        provider: 'anthropic',
        inputTokens: 500,
        outputTokens: 20,
        cacheReadInputTokens: 400,
        cacheCreationInputTokens: 0,
        cacheCreation5mInputTokens: 0,
        cacheCreation1hInputTokens: 0,
        reasoningOutputTokens: 5,
        audioInputTokens: 0,
        audioOutputTokens: 0,
        imageInputTokens: 0,
        latencyMs: 100,
        status: 'success',
        errorType: null,
        costUsd: 0.004,
        rateSource: 'model',
        priceSource: 'catalogue',
        priceVersion: '0.1.8',
        traceId: 'tr-typed',
      },
    ]);
    expect(res.body.requests[0]).toMatchObject({ model: 'mystery-model', responseModel: null, rateSource: 'fallback', priceSource: null, priceVersion: null });
  });

  it('exports a column for each token type, the response model, price source and version, in CSV and JSON alike', async () => {
    const csv = await t.client.get('/api/usage/export?format=csv', owner.auth);
    expect(csv.status).toBe(200);
    expect(csv.text.split('\n')[0]).toBe(
      'timestamp,id,agent_id,agent_name,model,response_model,provider,input_tokens,output_tokens,total_tokens,cache_read_input_tokens,' +
        'cache_creation_input_tokens,cache_creation_5m_input_tokens,cache_creation_1h_input_tokens,reasoning_output_tokens,audio_input_tokens,' +
        'audio_output_tokens,image_input_tokens,latency_ms,status,error_type,cost_usd,rate_source,price_source,price_version,trace_id',
    );
    const json = await t.client
      .get('/api/usage/export?format=json', owner.auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(null, text));
      });
    const rows = JSON.parse(json.body as string) as Record<string, unknown>[];
    expect(rows[0]).toEqual({
      timestamp: '2026-11-20T10:00:00.000Z',
      id: expect.any(String),
      agent_id: agent.id,
      agent_name: 'typed',
      model: 'claude-sonnet-4-5',
      response_model: SNAPSHOT,
      provider: 'anthropic',
      input_tokens: 500,
      output_tokens: 20,
      total_tokens: 520,
      cache_read_input_tokens: 400,
      cache_creation_input_tokens: 0,
      cache_creation_5m_input_tokens: 0,
      cache_creation_1h_input_tokens: 0,
      reasoning_output_tokens: 5,
      audio_input_tokens: 0,
      audio_output_tokens: 0,
      image_input_tokens: 0,
      latency_ms: 100,
      status: 'success',
      error_type: null,
      cost_usd: 0.004,
      rate_source: 'model',
      price_source: 'catalogue',
      price_version: '0.1.8',
      trace_id: 'tr-typed',
    });
    const csvRows = parse(csv.text, { columns: true }) as Record<string, string>[];
    expect(csvRows).toEqual(rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v === null ? '' : String(v as string | number)]))));
  });

  it('puts the token types and the response model in the metadata of the agent’s LLM metric records', async () => {
    const tokens = await t.client.get(`/api/agents/${agent.id}/metrics?type=tokens&since=2026-11-20T00:00:00Z`, owner.auth);
    expect(tokens.status).toBe(200);
    expect(tokens.body.map((r: { value: number }) => r.value)).toEqual([520, 110]);
    expect(tokens.body[0].metadata).toEqual({
      model: 'claude-sonnet-4-5',
      response_model: SNAPSHOT,
      provider: 'anthropic',
      input_tokens: 500,
      output_tokens: 20,
      cache_read_input_tokens: 400,
      cache_creation_input_tokens: 0,
      cache_creation_5m_input_tokens: 0,
      cache_creation_1h_input_tokens: 0,
      reasoning_output_tokens: 5,
      audio_input_tokens: 0,
      audio_output_tokens: 0,
      image_input_tokens: 0,
      status: 'success',
      trace_id: 'tr-typed',
    });
    const cost = await t.client.get(`/api/agents/${agent.id}/metrics?type=cost_usd&since=2026-11-20T00:00:00Z`, owner.auth);
    expect(
      cost.body.map((r: { value: number; metadata: Record<string, unknown> }) => [
        r.value,
        r.metadata.rate_source,
        r.metadata.price_source,
        r.metadata.price_version,
      ]),
    ).toEqual([
      [0.004, 'model', 'catalogue', '0.1.8'],
      [0.0002, 'fallback', null, null],
    ]);
  });

  it('carries cache writes by lifetime, audio and image tokens through costs, requests and the export, each with its cost', async () => {
    const media = await createUser(t.client, t.sql);
    const studio = await createAgent(t.client, media, { name: 'studio' });
    const sent = await t.client.post('/api/ingest', media.auth).send({
      llmCalls: [
        {
          agentId: studio.id,
          model: 'claude-sonnet-4-5',
          provider: 'anthropic',
          inputTokens: 10_000,
          cacheReadInputTokens: 6_000,
          cacheCreation5mInputTokens: 2_000,
          cacheCreation1hInputTokens: 1_000,
          outputTokens: 500,
          latencyMs: 100,
          status: 'success',
          timestamp: '2026-11-20T09:00:00Z',
        },
        {
          agentId: studio.id,
          model: 'gpt-realtime',
          provider: 'openai',
          inputTokens: 10_000,
          cacheReadInputTokens: 2_000,
          audioInputTokens: 3_000,
          imageInputTokens: 1_000,
          outputTokens: 2_000,
          audioOutputTokens: 500,
          latencyMs: 100,
          status: 'success',
          timestamp: '2026-11-20T09:30:00Z',
        },
      ],
    });
    expect(sent.status).toBe(202);
    // claude-sonnet-4-5: 1,000 × 3 + 6,000 × 0.3 + 2,000 × 3.75 + 1,000 × 6 + 500 × 15 per 1M; the 5m/1h split makes the 3,000 cache writes.
    const claude = 0.0258;
    // gpt-realtime: 4,000 × 4 + 2,000 × 0.4 + 3,000 × 32 + 1,000 × 5 + 1,500 × 16 + 500 × 64 per 1M.
    const realtime = 0.1738;
    const claudeTypes = {
      cacheReadInputTokens: 6_000,
      cacheCreationInputTokens: 3_000,
      cacheCreation5mInputTokens: 2_000,
      cacheCreation1hInputTokens: 1_000,
      reasoningOutputTokens: 0,
      audioInputTokens: 0,
      audioOutputTokens: 0,
      imageInputTokens: 0,
    };
    const realtimeTypes = {
      cacheReadInputTokens: 2_000,
      cacheCreationInputTokens: 0,
      cacheCreation5mInputTokens: 0,
      cacheCreation1hInputTokens: 0,
      reasoningOutputTokens: 0,
      audioInputTokens: 3_000,
      audioOutputTokens: 500,
      imageInputTokens: 1_000,
    };
    const costs = await t.client.get('/api/usage/costs?period=last_30_days', media.auth);
    const byModel = [...costs.body.byModel].sort((a: { model: string }, b: { model: string }) => a.model.localeCompare(b.model));
    const none = { requests: 0, inputTokens: 0, outputTokens: 0 };
    expect(byModel).toEqual([
      {
        model: 'claude-sonnet-4-5',
        provider: 'anthropic',
        requests: 1,
        inputTokens: 10_000,
        outputTokens: 500,
        ...claudeTypes,
        costUsd: claude,
        unpriced: none,
      },
      { model: 'gpt-realtime', provider: 'openai', requests: 1, inputTokens: 10_000, outputTokens: 2_000, ...realtimeTypes, costUsd: realtime, unpriced: none },
    ]);
    expect(costs.body.totalCostUsd).toBe(claude + realtime);
    const requests = await t.client.get('/api/usage/requests', media.auth);
    const typesOf = (r: Record<string, unknown>) => ({
      model: r.model,
      costUsd: r.costUsd,
      ...Object.fromEntries(Object.keys(claudeTypes).map((k) => [k, r[k]])),
    });
    expect(requests.body.requests.map(typesOf)).toEqual([
      { model: 'gpt-realtime', costUsd: realtime, ...realtimeTypes },
      { model: 'claude-sonnet-4-5', costUsd: claude, ...claudeTypes },
    ]);
    const exported = await t.client
      .get('/api/usage/export?format=json', media.auth)
      .buffer(true)
      .parse((res, done) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString()));
        res.on('end', () => done(null, text));
      });
    const snake = (k: string) => k.replace(/[A-Z0-9]+/g, (m) => `_${m.toLowerCase()}`);
    const exportedTypes = (JSON.parse(exported.body as string) as Record<string, unknown>[]).map((r) => ({
      model: r.model,
      cost_usd: r.cost_usd,
      ...Object.fromEntries(Object.keys(claudeTypes).map((k) => [snake(k), r[snake(k)]])),
    }));
    const asSnake = (types: Record<string, number>) => Object.fromEntries(Object.entries(types).map(([k, v]) => [snake(k), v]));
    expect(exportedTypes).toEqual([
      { model: 'claude-sonnet-4-5', cost_usd: claude, ...asSnake(claudeTypes) },
      { model: 'gpt-realtime', cost_usd: realtime, ...asSnake(realtimeTypes) },
    ]);
  });

  it('refuses bad usage queries naming the parameter', async () => {
    const cases: [string, string][] = [
      ['/api/usage/costs?period=all_time', 'period'],
      ['/api/usage/aggregate?period=yesterday', 'period'],
      ['/api/usage/export?period=yesterday', 'period'],
      ['/api/usage/export?format=xlsx', 'format'],
      ['/api/usage/requests?page=0', 'page'],
      ['/api/usage/requests?per_page=abc', 'per_page'],
      ['/api/usage/aggregate?model=claude', 'model'],
    ];
    for (const [path, field] of cases) {
      const res = await t.client.get(path, owner.auth);
      expect({ path, status: res.status }).toEqual({ path, status: 400 });
      expect(JSON.stringify(res.body.message)).toContain(field);
    }
  });
});
