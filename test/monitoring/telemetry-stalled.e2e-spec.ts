import { createAgent, createApiKey, createUser, TestAgent, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';

const NOW = '2026-11-20T12:00:00.000Z';
const MIN = 60_000;

/** telemetry_stalled follows resource samples sent through ingest; LLM calls alone do not count. */
describe('fleet-status: telemetry_stalled from ingested samples', () => {
  let t: TestApp;
  let owner: TestUser;
  let agent: TestAgent;
  let key: string;

  beforeAll(async () => {
    t = await startTestApp({ now: NOW });
    owner = await createUser(t.client, t.sql);
    agent = await createAgent(t.client, owner, { name: 'sampler' });
    key = await createApiKey(t.client, owner, ['ingest']);
    await t.sql.query(`update agents set status = 'running', status_changed_at = $2 where id = $1`, [agent.id, new Date(Date.parse(NOW) - 60 * MIN)]);
  });
  afterAll(async () => {
    await t.close();
  });

  const reasons = async (): Promise<string[]> => {
    const res = await t.client.get('/api/monitoring/fleet-status', owner.auth);
    expect(res.status).toBe(200);
    return (res.body.agents as { agentId: string; reasons: { code: string }[] }[]).find((a) => a.agentId === agent.id)?.reasons.map((r) => r.code) ?? [];
  };
  const send = (body: Record<string, unknown>) => t.client.post('/api/ingest', { apiKey: key }).send(body).expect(202);

  it('flags a running agent that sends LLM calls but no samples, and clears once a sample arrives', async () => {
    await send({ llmCalls: [{ agentId: agent.id, model: 'gpt-4o', inputTokens: 10, outputTokens: 5, latencyMs: 100, status: 'success' }] });
    expect(await reasons()).toEqual(['telemetry_stalled']);
    const { rows } = await t.sql.query(`select last_seen_at, last_sample_at from agents where id = $1`, [agent.id]);
    expect(rows).toEqual([{ last_seen_at: new Date(NOW), last_sample_at: null }]);

    await send({ samples: [{ agentId: agent.id, type: 'cpu', value: 12.5 }] });
    expect(await reasons()).toEqual([]);

    t.clock.advance(5 * MIN);
    expect(await reasons()).toEqual([]);
    t.clock.advance(1_000);
    await send({ llmCalls: [{ agentId: agent.id, model: 'gpt-4o', inputTokens: 10, outputTokens: 5, latencyMs: 100, status: 'success' }] });
    expect(await reasons()).toEqual(['telemetry_stalled']);
  });
});
