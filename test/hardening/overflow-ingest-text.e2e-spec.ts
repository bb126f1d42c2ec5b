import { createAgent, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-22T12:30:00.000Z';
const T = '2026-11-22T12:20:00.000Z';

/**
 * NUL and lone surrogates are refused in every string (PostgreSQL cannot store NUL in text or
 * jsonb, and a lone surrogate is not UTF-8), and timestamps are strict RFC 3339 with a zone.
 */
const call = (model: string) => ({ model, inputTokens: 1, outputTokens: 1, latencyMs: 1, status: 'success', timestamp: T });

describe('POST /api/ingest text and timestamp refusals', () => {
  let t: TestApp;
  let user: TestUser;
  let agent: TestAgent;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    user = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, user);
  });
  afterAll(async () => {
    await t?.close();
  });

  const stored = async (): Promise<number> => {
    const { rows } = await t.sql.query(
      `select (select count(*) from metric_samples)::int + (select count(*) from llm_calls)::int + (select count(*) from tool_calls)::int
              + (select count(*) from events where actor = 'agent')::int as n`,
    );
    return rows[0].n;
  };
  /** The tables below are built before the agent exists: items get its id when sent. */
  const withAgent = (body: Record<string, Record<string, unknown>[]>) =>
    Object.fromEntries(Object.entries(body).map(([kind, items]) => [kind, items.map((item) => (kind === 'events' ? item : { ...item, agentId: agent.id }))]));

  it.each([
    [{ llmCalls: [call('a'), call('b'), call('gpt\u0000')] }, 'llmCalls[2].model must not contain NUL or unpaired surrogates'],
    [{ llmCalls: [call('\uD83D')] }, 'llmCalls[0].model must not contain NUL or unpaired surrogates'],
    [
      { toolCalls: [{ tool: 'x', durationMs: 1, status: 'error', errorType: 'e\uDE00', timestamp: T }] },
      'toolCalls[0].errorType must not contain NUL or unpaired surrogates',
    ],
    [{ events: [{ type: 'note', message: 'hi\u0000' }] }, 'events[0].message must not contain NUL or unpaired surrogates'],
    [
      { events: [{ type: 'note', message: '', metadata: { who: { name: 'x\u0000' } } }] },
      'events[0].metadata.who.name must not contain NUL or unpaired surrogates',
    ],
  ])('%j → 400 %s, nothing stored', async (body, message) => {
    const before = await stored();
    const res = await t.client.post('/api/ingest', user.auth).send(withAgent(body));
    expect(res.status).toBe(400);
    expect(res.body.message).toBe(message);
    expect(await stored()).toBe(before);
  });

  it.each([
    '2026-W01',
    '20261201',
    '2026-123',
    '2026-12-01T00:00:00,5Z',
    '2026-11-22T12:20Z',
    '2026-11-22T12:20:00+0000',
    '1969-12-31T23:59:59Z',
    '10000-01-01T00:00:00Z',
  ])('timestamp %s → 400', async (timestamp) => {
    const res = await t.client.post('/api/ingest', user.auth).send({ samples: [{ agentId: agent.id, type: 'cpu', value: 1, timestamp }] });
    expect(res.status).toBe(400);
    expect(res.body.message).toBe('samples[0].timestamp must be an ISO 8601 date-time with a time zone (e.g. 2026-01-31T12:00:00Z)');
  });

  it('refuses a calendar-impossible date instead of rolling it over, and accepts astral characters and offsets', async () => {
    const impossible = await t.client
      .post('/api/ingest', user.auth)
      .send({ samples: [{ agentId: agent.id, type: 'cpu', value: 1, timestamp: '2026-02-30T00:00:00Z' }] });
    expect(impossible.status).toBe(400);
    expect(impossible.body.message).toBe('samples[0].timestamp is not a valid date-time');
    const ok = await t.client.post('/api/ingest', user.auth).send({
      llmCalls: [{ ...call('modèle 😀'), agentId: agent.id, timestamp: '2026-11-22T13:50:00.5+01:30' }],
      events: [{ type: 'note', message: '😀', metadata: { emoji: '😀' } }],
    });
    expect(ok.status).toBe(202);
    const { rows } = await t.sql.query(`select model, ts from llm_calls where agent_id = $1`, [agent.id]);
    expect(rows).toEqual([{ model: 'modèle 😀', ts: new Date('2026-11-22T12:20:00.500Z') }]);
  });
});
