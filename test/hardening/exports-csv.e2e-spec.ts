import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import type { Test } from 'supertest';
import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-20T12:00:00.000Z';
const RANGE = 'start=2026-11-20T00:00:00.000Z&end=2026-11-20T12:00:00.000Z';

/** The OWASP CSV-injection starters, each as a client could send it, and how a CSV export must write it. */
const PAYLOADS: [string, string][] = [
  ['=HYPERLINK("x")', `'=HYPERLINK("x")`],
  ["+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"],
  ['-2+3', "'-2+3"],
  ['@SUM(A1)', "'@SUM(A1)"],
  ['\tx', "'\tx"],
  ['\rx', "'\rx"],
];
const RAW = PAYLOADS.map(([raw]) => raw);
const NEUTRALISED = PAYLOADS.map(([, written]) => written);
const at = (i: number) => `2026-11-20T0${i + 1}:00:00.000Z`;

const text = ((res: NodeJS.ReadableStream, done: (err: Error | null, body: string) => void) => {
  let body = '';
  res.on('data', (c: Buffer) => (body += c.toString()));
  res.on('end', () => done(null, body));
}) as unknown as Parameters<Test['parse']>[0];
const binary = ((res: NodeJS.ReadableStream, done: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on('data', (c: Buffer) => chunks.push(c));
  res.on('end', () => done(null, Buffer.concat(chunks)));
}) as unknown as Parameters<Test['parse']>[0];

/**
 * Issue item 8: tool names, models, agent names and event messages are whatever clients send, and
 * were written into CSV exports as they came, so a spreadsheet opening an (admin's) export ran them
 * as formulas. CSV text cells starting with = + - @ tab or CR now carry a leading apostrophe; number
 * cells, negative ones included, stay numbers; JSON and XLSX keep the values as sent.
 */
describe('CSV exports neutralise spreadsheet formulas', () => {
  let t: TestApp;
  let owner: TestUser;
  let admin: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    admin = await createUser(t.client, t.sql, { admin: true });
    const agents: TestAgent[] = [];
    for (const name of RAW) agents.push(await createAgent(t.client, owner, { name }));
    const ingest = await t.client.post('/api/ingest', owner.auth).send({
      samples: [{ agentId: agents[0].id, type: 'temperature', value: -3.5, timestamp: at(0) }],
      llmCalls: agents.map((agent, i) => ({
        agentId: agent.id,
        model: RAW[i],
        provider: 'openai',
        inputTokens: 10,
        outputTokens: 5,
        latencyMs: 20,
        status: 'success',
        costUsd: 0.25,
        timestamp: at(i),
      })),
      toolCalls: RAW.map((tool, i) => ({ agentId: agents[i].id, tool, durationMs: 3, status: 'error', errorType: RAW[i], timestamp: at(i) })),
      events: RAW.map((message, i) => ({ agentId: agents[i].id, type: 'note', message, timestamp: at(i) })),
    });
    expect(ingest.status).toBe(202);
  });
  afterAll(async () => {
    await t.close();
  });

  const csv = async (path: string, who: TestUser) => {
    const res = await t.client.get(path, who.auth).buffer(true).parse(text);
    expect(res.status).toBe(200);
    return parse(res.body as string, { columns: true }) as Record<string, string>[];
  };

  it('writes tool names and error types of the analytics export with a leading apostrophe', async () => {
    for (const who of [owner, admin]) {
      const rows = await csv(`/api/analytics/export?dataset=tool_calls&${RANGE}`, who);
      expect(rows.map((r) => [r.tool, r.error_type, r.duration_ms])).toEqual(NEUTRALISED.map((v) => [v, v, '3']));
    }
  });

  it('writes models and event messages of the analytics export with a leading apostrophe', async () => {
    const llm = await csv(`/api/analytics/export?dataset=llm_calls&${RANGE}`, admin);
    expect(llm.map((r) => [r.model, r.provider, r.input_tokens, r.cost_usd])).toEqual(NEUTRALISED.map((v) => [v, 'openai', '10', '0.25']));
    const events = await csv(`/api/analytics/export?dataset=events&start=2026-11-20T00:00:00.000Z&end=2026-11-20T07:00:00.000Z`, owner);
    expect(events.map((r) => [r.type, r.message])).toEqual(NEUTRALISED.map((v) => ['note', v]));
  });

  it('keeps a negative number a number', async () => {
    const samples = await csv(`/api/analytics/export?dataset=samples&${RANGE}`, owner);
    expect(samples.map((r) => [r.type, r.value])).toEqual([['temperature', '-3.5']]);
  });

  it('writes models and agent names of the usage export with a leading apostrophe, numbers unchanged', async () => {
    const rows = await csv('/api/usage/export?format=csv', owner);
    expect(rows.map((r) => [r.agent_name, r.model, r.total_tokens, r.cost_usd])).toEqual(NEUTRALISED.map((v) => [v, v, '15', '0.25']));
  });

  it('leaves JSON and XLSX values as they were sent', async () => {
    const tools = await t.client.get(`/api/analytics/export?dataset=tool_calls&format=json&${RANGE}`, owner.auth);
    expect(tools.body.map((r: { tool: string }) => r.tool)).toEqual(RAW);
    const samples = await t.client.get(`/api/analytics/export?dataset=samples&format=json&${RANGE}`, owner.auth);
    expect(samples.body.map((r: { value: number }) => r.value)).toEqual([-3.5]);
    const usage = await t.client.get('/api/usage/export?format=json', owner.auth).buffer(true).parse(text);
    expect((JSON.parse(usage.body as string) as { agent_name: string; model: string }[]).map((r) => [r.agent_name, r.model])).toEqual(RAW.map((v) => [v, v]));

    const xlsx = await t.client.get(`/api/analytics/export?dataset=tool_calls&format=xlsx&${RANGE}`, owner.auth).buffer(true).parse(binary);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(xlsx.body);
    const sheet = workbook.getWorksheet('tool_calls')!;
    const toolColumn = (sheet.getRow(1).values as unknown[]).indexOf('tool');
    const cells: unknown[] = [];
    sheet.eachRow((row, n) => {
      if (n > 1) cells.push(row.getCell(toolColumn).value);
    });
    // No apostrophes: XLSX types cells itself. (XML reads a bare CR back as LF, as any XLSX reader does.)
    expect(cells).toEqual(RAW.map((v) => v.replace('\r', '\n')));
  });
});
