import { randomBytes } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { createAgent, createApiKey, createUser, describeAuthorizationMatrix, MatrixWorld } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { decodeStatus } from '@fleetwatch/otlp';
import { binaryParser } from './otlp-test-kit';

/** A one-span OTLP JSON export for an agent (a chat call with 10 + 5 tokens). */
function chatExport(agentId: string, endMs: number): Record<string, unknown> {
  const ns = (ms: number) => String(BigInt(ms) * 1_000_000n);
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'fleetwatch.agent.id', value: { stringValue: agentId } }] },
        scopeSpans: [
          {
            spans: [
              {
                traceId: randomBytes(16).toString('hex'),
                spanId: randomBytes(8).toString('hex'),
                name: 'chat m',
                startTimeUnixNano: ns(endMs - 200),
                endTimeUnixNano: ns(endMs),
                attributes: [
                  { key: 'gen_ai.operation.name', value: { stringValue: 'chat' } },
                  { key: 'gen_ai.request.model', value: { stringValue: 'm' } },
                  { key: 'gen_ai.usage.input_tokens', value: { intValue: '10' } },
                  { key: 'gen_ai.usage.output_tokens', value: { intValue: 5 } },
                ],
              },
            ],
          },
        ],
      },
    ],
  };
}

describe('OTLP/HTTP receivers: encodings, errors, outage, authorization', () => {
  let t: TestApp;
  let world: MatrixWorld;
  let key: string;
  let agentId: string;

  beforeAll(async () => {
    t = await startTestApp({ viaProxy: true });
    const [owner, otherUser, admin] = [
      await createUser(t.client, t.sql),
      await createUser(t.client, t.sql),
      await createUser(t.client, t.sql, { admin: true }),
    ];
    agentId = (await createAgent(t.client, owner)).id;
    key = await createApiKey(t.client, owner, ['ingest']);
    world = { client: t.client, owner, otherUser, admin, fixtures: { agentId } };
  });
  afterAll(async () => {
    await t.close();
  });

  const post = (path: string) => t.client.post(path, { apiKey: key });
  const llmRows = async () => (await t.sql.query(`select count(*)::int as n from llm_calls where agent_id = $1`, [agentId])).rows[0].n as number;

  it('answers 400 to a body that is no protobuf export request with a protobuf google.rpc.Status, storing nothing', async () => {
    const before = await llmRows();
    const response = await post('/api/otlp/v1/traces')
      .set('Content-Type', 'application/x-protobuf')
      .buffer(true)
      .parse(binaryParser)
      .send(Buffer.from('definitely not protobuf \xff\xff\xff'));
    expect(response.status).toBe(400);
    expect(response.headers['content-type']).toBe('application/x-protobuf');
    const status = decodeStatus(response.body as Buffer);
    expect(status.code).toBe(3);
    expect(status.message).toMatch(/^the body is no valid OTLP traces export request: /);
    const metrics = await post('/api/otlp/v1/metrics')
      .set('Content-Type', 'application/x-protobuf')
      .buffer(true)
      .parse(binaryParser)
      .send(Buffer.from([0x0a, 0xff, 0xff, 0xff, 0x0f]));
    expect(metrics.status).toBe(400);
    expect(decodeStatus(metrics.body as Buffer).message).toMatch(/^the body is no valid OTLP metrics export request: /);
    expect(await llmRows()).toBe(before);
  });

  it('answers a protobuf request refused by the guard with a protobuf Status (401 → UNAUTHENTICATED)', async () => {
    const response = await t.client
      .post('/api/otlp/v1/traces')
      .set('Content-Type', 'application/x-protobuf')
      .buffer(true)
      .parse(binaryParser)
      .send(Buffer.alloc(0));
    expect(response.status).toBe(401);
    expect(decodeStatus(response.body as Buffer)).toEqual({ code: 16, message: 'Missing, invalid, expired or revoked credentials' });
  });

  it('accepts an empty protobuf export (zero bytes) with an empty protobuf answer', async () => {
    const response = await post('/api/otlp/v1/metrics').set('Content-Type', 'application/x-protobuf').buffer(true).parse(binaryParser).send(Buffer.alloc(0));
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toBe('application/x-protobuf');
    expect((response.body as Buffer).length).toBe(0);
  });

  it('answers 400 naming the field of a malformed OTLP JSON body, and to unparsable JSON', async () => {
    const shape = await post('/api/otlp/v1/traces').send({ resourceSpans: [{ scopeSpans: [{ spans: [{ traceId: 'not-hex!' }] }] }] });
    expect(shape.status).toBe(400);
    expect(shape.body.message).toBe('the body is no valid OTLP traces export request: resourceSpans[0].scopeSpans[0].spans[0].traceId must be 16 bytes as hex');
    const syntax = await post('/api/otlp/v1/metrics').set('Content-Type', 'application/json').send('{"resourceMetrics": [');
    expect(syntax.status).toBe(400);
  });

  it('answers 400 to a Content-Type other than protobuf or JSON', async () => {
    const response = await post('/api/otlp/v1/traces').set('Content-Type', 'text/plain').send('hello');
    expect(response.status).toBe(400);
    expect(response.body.message).toBe('Content-Type text/plain is not supported: send application/x-protobuf or application/json');
  });

  it('decompresses gzip bodies, refuses broken gzip (400), other encodings (415) and zip bombs (413)', async () => {
    const before = await llmRows();
    const ok = await post('/api/otlp/v1/traces')
      .set('Content-Type', 'application/json')
      .set('Content-Encoding', 'gzip')
      // superagent would JSON-encode a Buffer sent as application/json; send the bytes as they are.
      .serialize((bytes: unknown) => bytes as string)
      .send(gzipSync(JSON.stringify(chatExport(agentId, t.clock.now().getTime()))));
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({});
    expect(await llmRows()).toBe(before + 1);

    const broken = await post('/api/otlp/v1/traces')
      .set('Content-Type', 'application/x-protobuf')
      .set('Content-Encoding', 'gzip')
      .buffer(true)
      .parse(binaryParser)
      .send(Buffer.from('not gzip at all'));
    expect(broken.status).toBe(400);
    expect(broken.headers['content-type']).toBe('application/x-protobuf');
    expect(decodeStatus(broken.body as Buffer).code).toBe(3);
    const brotli = await post('/api/otlp/v1/traces')
      .set('Content-Type', 'application/x-protobuf')
      .set('Content-Encoding', 'br')
      .buffer(true)
      .parse(binaryParser)
      .send(Buffer.from([1, 2, 3]));
    expect(brotli.status).toBe(415);
    expect(decodeStatus(brotli.body as Buffer)).toEqual({ code: 3, message: 'Content-Encoding br is not supported: send gzip or no encoding' });

    const bomb = gzipSync(Buffer.alloc(t.config.server.bodyLimitBytes + 1024 * 1024));
    expect(bomb.length).toBeLessThan(t.config.server.bodyLimitBytes / 100);
    const tooBig = await post('/api/otlp/v1/traces')
      .set('Content-Type', 'application/x-protobuf')
      .set('Content-Encoding', 'gzip')
      .buffer(true)
      .parse(binaryParser)
      .send(bomb);
    expect(tooBig.status).toBe(413);
    expect(decodeStatus(tooBig.body as Buffer).code).toBe(8);
    expect(await llmRows()).toBe(before + 1);
  });

  it('answers 503 with Retry-After while PostgreSQL is unreachable, and stores again once it is back', async () => {
    const before = await llmRows();
    await t.proxy!.cut();
    try {
      const down = await post('/api/otlp/v1/traces').send(chatExport(agentId, t.clock.now().getTime()));
      expect(down.status).toBe(503);
      expect(down.headers['retry-after']).toBe('5');
      expect(down.body).toEqual({
        statusCode: 503,
        error: 'Service Unavailable',
        code: 'database_unavailable',
        message: 'The database is unavailable; retry later.',
      });
      const downProto = await post('/api/otlp/v1/traces').set('Content-Type', 'application/x-protobuf').buffer(true).parse(binaryParser).send(Buffer.alloc(0));
      expect(downProto.status).toBe(503);
      expect(downProto.headers['retry-after']).toBe('5');
      expect(decodeStatus(downProto.body as Buffer)).toEqual({ code: 14, message: 'The database is unavailable; retry later.' });
    } finally {
      await t.proxy!.restore();
    }
    const back = await post('/api/otlp/v1/traces').send(chatExport(agentId, t.clock.now().getTime()));
    expect(back.status).toBe(200);
    expect(await llmRows()).toBe(before + 1);
  });

  it('documents both routes and their mapping in OpenAPI', async () => {
    const doc = await t.client.get('/api/docs-json');
    expect(doc.status).toBe(200);
    const traces = doc.body.paths['/api/otlp/v1/traces'].post;
    const metrics = doc.body.paths['/api/otlp/v1/metrics'].post;
    expect(Object.keys(traces.requestBody.content).sort()).toEqual(['application/json', 'application/x-protobuf']);
    expect(traces.description).toContain('`gen_ai.request.model`, else `gen_ai.response.model`');
    expect(metrics.description).toContain('`gen_ai.client.token.usage` histogram');
    expect(Object.keys(traces.responses).sort()).toEqual(['200', '400', '401', '403', '413', '429', '503']);
  });

  const everyone = { anonymous: 401, owner: 200, otherUser: 200, admin: 200, wrongScopeKey: 403, rightScopeKey: 200 };
  describeAuthorizationMatrix('otlp', () => world, [
    {
      route: 'POST /api/otlp/v1/traces',
      method: 'post',
      path: () => '/api/otlp/v1/traces',
      body: (w) => chatExport(w.fixtures.agentId, t.clock.now().getTime()),
      scope: 'ingest',
      expect: everyone,
    },
    {
      route: 'POST /api/otlp/v1/metrics',
      method: 'post',
      path: () => '/api/otlp/v1/metrics',
      body: () => ({ resourceMetrics: [] }),
      scope: 'ingest',
      expect: everyone,
    },
  ]);
});
