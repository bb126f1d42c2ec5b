import ExcelJS from 'exceljs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { parse } from 'csv-parse/sync';
import type { Test } from 'supertest';
import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { insertLlmCalls, insertSamples, insertToolCalls, LlmCallFixture } from './telemetry-fixtures';

const NOW = Date.parse('2026-11-22T12:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const START = NOW - 20 * 3_600_000;

/** Collects a binary response body into one Buffer. */
const binary = ((res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}) as unknown as Parameters<Test['parse']>[0];

describe('analytics export', () => {
  let t: TestApp;
  let owner: TestUser;
  let other: TestUser;
  let agentId: string;
  let otherAgentId: string;
  let expected: Record<string, unknown>[];

  beforeAll(async () => {
    t = await startTestApp({ now: new Date(NOW) });
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
    agentId = (await createAgent(t.client, owner)).id;
    otherAgentId = (await createAgent(t.client, other)).id;
    // More rows than one cursor batch, so the download spans several fetches.
    const calls: LlmCallFixture[] = [];
    for (let i = 0; i < 2500; i += 1) {
      calls.push({
        agentId,
        model: i % 2 ? 'gpt-4o' : 'claude-3',
        latencyMs: i + 0.5,
        inputTokens: i,
        outputTokens: 2 * i,
        costUsd: i / 10000,
        status: i % 7 ? 'success' : 'error',
        ts: iso(START + i * 10_000),
      });
    }
    const ids = await insertLlmCalls(t.sql, calls);
    await insertLlmCalls(t.sql, [{ agentId: otherAgentId, latencyMs: 1, ts: iso(START + 5) }]);
    await insertLlmCalls(t.sql, [{ agentId, latencyMs: 1, ts: iso(START - 1) }]);
    expected = calls
      .map((c, i) => ({
        id: ids[i],
        agent_id: agentId,
        model: c.model,
        input_tokens: c.inputTokens,
        output_tokens: c.outputTokens,
        latency_ms: c.latencyMs,
        status: c.status,
        cost_usd: c.costUsd,
        ts: iso(Date.parse(String(c.ts))),
      }))
      .sort((a, b) => (a.ts < b.ts ? -1 : a.ts > b.ts ? 1 : a.id < b.id ? -1 : 1));
    await insertSamples(t.sql, [{ agentId, type: 'cpu_usage', value: 12.5, metadata: { host: 'a', tags: ['x'] }, ts: iso(START + 1) }]);
    await insertToolCalls(t.sql, [{ agentId, tool: 'search', durationMs: 3.25, status: 'error', errorType: 'timeout', ts: iso(START + 2) }]);
  });
  afterAll(async () => {
    await t.close();
  });

  const range = `start=${iso(START)}&end=${iso(NOW)}`;
  const pick = (row: Record<string, unknown>) => ({
    id: row.id,
    agent_id: row.agent_id,
    model: row.model,
    input_tokens: Number(row.input_tokens),
    output_tokens: Number(row.output_tokens),
    latency_ms: Number(row.latency_ms),
    status: row.status,
    cost_usd: Number(row.cost_usd),
    ts: row.ts,
  });

  it('streams CSV that parses back to the rows written', async () => {
    const res = await t.client.get(`/api/analytics/export?dataset=llm_calls&format=csv&${range}`, owner.auth).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="fleetwatch-llm_calls-2026-11-21_2026-11-22.csv"');
    expect(res.headers['content-length']).toBeUndefined();
    const rows = parse(res.body as Buffer, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0])).toEqual([
      'id',
      'agent_id',
      'model',
      'provider',
      'input_tokens',
      'output_tokens',
      'latency_ms',
      'status',
      'error_type',
      'cost_usd',
      'rate_source',
      'trace_id',
      'ts',
    ]);
    expect(rows.map(pick)).toEqual(expected);
  });

  it('streams a JSON array with typed values', async () => {
    const res = await t.client.get(`/api/analytics/export?dataset=llm_calls&format=json&agentId=${agentId}&${range}`, owner.auth);
    expect(res.status).toBe(200);
    expect(res.headers['content-disposition']).toContain('fleetwatch-llm_calls-2026-11-21_2026-11-22.json');
    expect(res.body).toHaveLength(2500);
    expect(res.body.map(pick)).toEqual(expected);
    expect(res.body[0]).toMatchObject({ provider: 'openai', error_type: 'rate_limit', rate_source: 'model', trace_id: null });
  });

  it('writes an XLSX workbook that ExcelJS reads back to the rows written', async () => {
    const res = await t.client.get(`/api/analytics/export?dataset=llm_calls&format=xlsx&${range}`, owner.auth).buffer(true).parse(binary);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(res.body);
    const sheet = workbook.getWorksheet('llm_calls')!;
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const rows: Record<string, unknown>[] = [];
    sheet.eachRow((row, n) => {
      if (n === 1) return;
      const values = (row.values as unknown[]).slice(1);
      rows.push(Object.fromEntries(header.map((h, i) => [String(h), values[i] ?? null])));
    });
    expect(rows.map(pick)).toEqual(expected);
  });

  it('exports samples, tool calls and events with JSON metadata, each user their own', async () => {
    const samples = await t.client.get(`/api/analytics/export?dataset=samples&format=json&${range}`, owner.auth);
    expect(samples.body).toEqual([
      expect.objectContaining({ agent_id: agentId, type: 'cpu_usage', value: 12.5, metadata: { host: 'a', tags: ['x'] }, ts: iso(START + 1) }),
    ]);
    const csv = await t.client.get(`/api/analytics/export?dataset=samples&${range}`, owner.auth).buffer(true).parse(binary);
    expect((parse(csv.body as Buffer, { columns: true }) as Record<string, string>[])[0].metadata).toBe('{"host":"a","tags":["x"]}');
    const tools = await t.client.get(`/api/analytics/export?dataset=tool_calls&format=json&${range}`, owner.auth);
    expect(tools.body).toEqual([expect.objectContaining({ tool: 'search', duration_ms: 3.25, status: 'error', error_type: 'timeout' })]);
    const events = await t.client.get(`/api/analytics/export?dataset=events&format=json&start=${iso(NOW - 3_600_000)}&end=${iso(NOW + 1)}`, owner.auth);
    expect(events.body.map((e: { type: string; agent_id: string }) => [e.type, e.agent_id])).toEqual([['agent_created', agentId]]);
    const theirs = await t.client.get(`/api/analytics/export?dataset=llm_calls&format=json&${range}`, other.auth);
    expect(theirs.body.map((r: { agent_id: string }) => r.agent_id)).toEqual([otherAgentId]);
    const empty = await t.client.get(`/api/analytics/export?dataset=tool_calls&format=json&start=${iso(NOW - 1000)}&end=${iso(NOW)}`, owner.auth);
    expect(empty.text).toBe('[]');
  });

  it('gives the cursor’s connection back to the pool when clients hang up mid-download', async () => {
    await t.app.listen(0, '127.0.0.1');
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    // More hang-ups than the pool has connections (DATABASE_POOL_MAX=5): a leak would stall the last request.
    for (let i = 0; i < 8; i += 1) {
      await new Promise<void>((resolve) => {
        const path = `/api/analytics/export?dataset=llm_calls&format=${['csv', 'json', 'xlsx'][i % 3]}&${range}`;
        const req = http.get({ host: '127.0.0.1', port, path, headers: { authorization: `Bearer ${owner.token}` } }, () => {
          req.destroy();
          resolve();
        });
        req.on('error', () => resolve());
      });
    }
    const after = await t.client.get(`/api/analytics/export?dataset=llm_calls&format=json&${range}`, owner.auth);
    expect(after.body).toHaveLength(2500);
  });

  it('runs at most a third of the pool of exports at once: the next one gets 429 with Retry-After until one ends', async () => {
    await t.app.listen(0, '127.0.0.1').catch(() => undefined);
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    // DATABASE_POOL_MAX=5 in tests: one export at a time. Hold one open by not reading it.
    const held = await new Promise<http.IncomingMessage>((resolve) => {
      http.get(
        { host: '127.0.0.1', port, path: `/api/analytics/export?dataset=llm_calls&format=csv&${range}`, headers: { authorization: `Bearer ${owner.token}` } },
        resolve,
      );
    });
    expect(held.statusCode).toBe(200);
    const refused = await t.client.get(`/api/analytics/export?dataset=llm_calls&format=json&${range}`, owner.auth);
    expect(refused.status).toBe(429);
    expect(refused.headers['retry-after']).toBe('5');
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'too_many_exports',
      message: 'at most 1 exports run at once per server; retry shortly',
    });
    held.destroy();
    // The server notices the hang-up asynchronously; poll (bounded) until the slot is free again.
    let after = refused;
    for (let i = 0; i < 50 && after.status === 429; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await t.client.get(`/api/analytics/export?dataset=llm_calls&format=json&${range}`, owner.auth);
    }
    expect(after.status).toBe(200);
    expect(after.body).toHaveLength(2500);
  });

  it('refuses another user’s agent and bad parameters', async () => {
    expect((await t.client.get(`/api/analytics/export?dataset=llm_calls&agentId=${otherAgentId}`, owner.auth)).status).toBe(404);
    const bad = await t.client.get('/api/analytics/export?dataset=prompts', owner.auth);
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.body.message)).toContain('dataset');
    const format = await t.client.get('/api/analytics/export?dataset=events&format=pdf', owner.auth);
    expect(JSON.stringify(format.body.message)).toContain('format');
  });
});
