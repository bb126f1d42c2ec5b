import { createAgent, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { exportSpans, listen, makeSpans, traceExporter } from './otlp-test-kit';

const UNKNOWN = '01900000-0000-7000-8000-000000000000';

describe('API keys bound to one agent', () => {
  let t: TestApp;
  let base: string;
  let owner: TestUser;
  let other: TestUser;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    owner = await createUser(t.client, t.sql);
    other = await createUser(t.client, t.sql);
  });
  afterAll(async () => {
    await t.close();
  });

  it('binds a key only to an agent of its owner (404 otherwise, 400 for a malformed id)', async () => {
    const agent = await createAgent(t.client, owner);
    const foreign = await createAgent(t.client, other);
    const bound = await t.client.post('/api/auth/api-keys', owner.auth).send({ name: 'bound', scopes: ['ingest'], agentId: agent.id });
    expect(bound.status).toBe(201);
    expect(bound.body.agentId).toBe(agent.id);
    const list = await t.client.get('/api/auth/api-keys', owner.auth);
    expect(list.body.map((k: { agentId: string | null }) => k.agentId)).toEqual([agent.id]);

    for (const agentId of [foreign.id, UNKNOWN]) {
      const refused = await t.client.post('/api/auth/api-keys', owner.auth).send({ name: 'x', scopes: ['ingest'], agentId });
      expect(refused.status).toBe(404);
      expect(refused.body).toEqual({ statusCode: 404, error: 'Not Found', code: 'agent_not_found', message: `agent ${agentId} not found` });
    }
    const malformed = await t.client.post('/api/auth/api-keys', owner.auth).send({ name: 'x', scopes: ['ingest'], agentId: 'nope' });
    expect(malformed.status).toBe(400);
    expect(malformed.body.message).toEqual(['agentId must be a UUID']);
    const { rows } = await t.sql.query(`select count(*)::int as n from api_keys where user_id = $1`, [owner.id]);
    expect(rows).toEqual([{ n: 1 }]);
  });

  it('stores OTLP spans without an agent attribute for the bound agent and refuses spans naming another', async () => {
    const agent = await createAgent(t.client, owner);
    const elsewhere = await createAgent(t.client, owner);
    const created = await t.client.post('/api/auth/api-keys', owner.auth).send({ name: 'bound', scopes: ['ingest'], agentId: agent.id });
    const now = t.clock.now().getTime();
    const llm = {
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'unpriced-model',
      'gen_ai.usage.input_tokens': 100,
      'gen_ai.usage.output_tokens': 50,
    };
    const unnamed = makeSpans({ 'service.name': 'bot' }, [{ name: 'chat', startMs: now - 2_000, endMs: now - 1_000, attributes: llm }]);

    const exporter = traceExporter(base, 'json', { Authorization: `Bearer ${created.body.key}` });
    expect((await exportSpans(exporter, unnamed)).code).toBe(0);
    await exporter.shutdown();
    const partial = await t.client
      .post('/api/otlp/v1/traces', { apiKey: created.body.key })
      .set('Content-Type', 'application/json')
      .send(
        JSON.stringify({
          resourceSpans: [
            {
              resource: { attributes: [{ key: 'fleetwatch.agent.id', value: { stringValue: elsewhere.id } }] },
              scopeSpans: [
                {
                  spans: [
                    {
                      traceId: '0af7651916cd43dd8448eb211c80319c',
                      spanId: 'b7ad6b7169203331',
                      name: 'chat',
                      startTimeUnixNano: String((now - 2_000) * 1e6),
                      endTimeUnixNano: String((now - 1_000) * 1e6),
                      attributes: [
                        { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                        { key: 'gen_ai.request.model', value: { stringValue: 'unpriced-model' } },
                      ],
                    },
                  ],
                },
              ],
            },
          ],
        }),
      );
    expect(partial.status).toBe(200);
    expect(partial.body.partialSuccess).toEqual({ rejectedSpans: '1', errorMessage: `1 span: this API key is bound to agent ${agent.id}` });

    const { rows } = await t.sql.query(`select agent_id, model, input_tokens, output_tokens from llm_calls order by agent_id`);
    expect(rows).toEqual([{ agent_id: agent.id, model: 'unpriced-model', input_tokens: 100, output_tokens: 50 }]);
  });
});
