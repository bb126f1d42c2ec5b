import { OTLPMetricExporter as JsonMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPMetricExporter as ProtoMetricExporter } from '@opentelemetry/exporter-metrics-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { createAgent, createApiKey, createUser, TestUser } from '@fleetwatch/testing';
import { startTestApp, TestApp } from '../support/test-app';
import { Encoding, GZIP, listen } from './otlp-test-kit';

const NO_AGENT = 'no agent: set the resource attribute fleetwatch.agent.id (or gen_ai.agent.id) to a Fleetwatch agent id';
const CPU_RATIO = 0.42;
const MEMORY_USED_RATIO = 0.5;

describe('OTLP metrics from the OpenTelemetry JS SDK', () => {
  let t: TestApp;
  let base: string;
  let owner: TestUser;
  let key: string;
  let foreign: string;

  beforeAll(async () => {
    t = await startTestApp();
    base = await listen(t);
    owner = await createUser(t.client, t.sql);
    key = await createApiKey(t.client, owner, ['ingest']);
    foreign = (await createAgent(t.client, await createUser(t.client, t.sql))).id;
  });
  afterAll(async () => {
    await t.close();
  });

  /** Records GenAI and resource metrics with the real SDK and exports them once. */
  async function recordAndExport(agentId: string, encoding: Encoding, gzip: boolean): Promise<void> {
    const options = { url: `${base}/api/otlp/v1/metrics`, headers: { Authorization: `Bearer ${key}` }, ...(gzip ? { compression: GZIP } : {}) };
    const exporter = encoding === 'protobuf' ? new ProtoMetricExporter(options) : new JsonMetricExporter(options);
    const provider = new MeterProvider({
      resource: resourceFromAttributes({ 'fleetwatch.agent.id': agentId, 'service.name': 'support-bot' }),
      readers: [new PeriodicExportingMetricReader({ exporter, exportIntervalMillis: 3_600_000 })],
    });
    const meter = provider.getMeter('fleetwatch-otlp-test');
    const tokens = meter.createHistogram('gen_ai.client.token.usage', { unit: '{token}' });
    tokens.record(120, { 'gen_ai.token.type': 'input', 'gen_ai.request.model': 'm1' });
    tokens.record(80, { 'gen_ai.token.type': 'input', 'gen_ai.request.model': 'm2' });
    tokens.record(30, { 'gen_ai.token.type': 'output', 'gen_ai.request.model': 'm1' });
    const duration = meter.createHistogram('gen_ai.client.operation.duration', { unit: 's' });
    duration.record(1.5, { 'gen_ai.request.model': 'm1' });
    duration.record(0.5, { 'gen_ai.request.model': 'm1' });
    meter.createObservableGauge('process.cpu.utilization', { unit: '1' }).addCallback((r) => r.observe(CPU_RATIO, { 'cpu.mode': 'user' }));
    meter.createObservableGauge('system.memory.utilization', { unit: '1' }).addCallback((r) => {
      r.observe(MEMORY_USED_RATIO, { 'system.memory.state': 'used' });
      r.observe(1 - MEMORY_USED_RATIO, { 'system.memory.state': 'free' });
    });
    const tasks = meter.createCounter('agent.tasks.completed', { unit: '{task}' });
    tasks.add(3, { queue: 'default' });
    tasks.add(1, { queue: 'default', 'fleetwatch.agent.id': foreign });
    // Shutdown collects and exports once (a forceFlush before it would export the cumulative points twice).
    await provider.shutdown();
  }

  it.each<[Encoding, boolean]>([
    ['protobuf', false],
    ['json', true],
  ])('stores GenAI and resource metrics exported as %s (gzip: %s) as samples', async (encoding, gzip) => {
    const agent = await createAgent(t.client, owner);
    await recordAndExport(agent.id, encoding, gzip);

    const rows = await t.sql.query(`select type, value, metadata, ts from metric_samples where agent_id = $1 order by type`, [agent.id]);
    expect(rows.rows.map(({ type, value, metadata }) => ({ type, value, metadata }))).toEqual([
      { type: 'agent.tasks.completed', value: 3, metadata: { queue: 'default', unit: '{task}', temporality: 'cumulative' } },
      { type: 'cpu', value: CPU_RATIO * 100, metadata: null },
      { type: 'gen_ai.client.operation.duration', value: ((1.5 + 0.5) / 2) * 1000, metadata: { temporality: 'cumulative', count: 2 } },
      { type: 'gen_ai.client.token.usage.input', value: 120 + 80, metadata: { temporality: 'cumulative', count: 2 } },
      { type: 'gen_ai.client.token.usage.output', value: 30, metadata: { temporality: 'cumulative', count: 1 } },
      { type: 'memory', value: MEMORY_USED_RATIO * 100, metadata: null },
    ]);
    // One collection: every sample carries the same export time.
    expect(new Set(rows.rows.map((r) => r.ts.toISOString())).size).toBe(1);
    const foreignRows = await t.sql.query(`select count(*)::int as n from metric_samples where agent_id = $1`, [foreign]);
    expect(foreignRows.rows[0].n).toBe(0);
  });

  it('refuses points without an agent or with another user’s agent in partialSuccess (OTLP JSON)', async () => {
    const agent = await createAgent(t.client, owner);
    const timeUnixNano = String(BigInt(t.clock.now().getTime()) * 1_000_000n);
    const point = (value: number, attributes: { key: string; value: { stringValue: string } }[] = []) => ({ timeUnixNano, asDouble: value, attributes });
    const body = {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: 'fleetwatch.agent.id', value: { stringValue: agent.id } }] },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: 'queue.depth',
                  unit: '{item}',
                  gauge: { dataPoints: [point(7), point(9, [{ key: 'fleetwatch.agent.id', value: { stringValue: foreign } }])] },
                },
                { name: 'process.cpu.utilization', unit: '1', gauge: { dataPoints: [point(1.5)] } },
              ],
            },
          ],
        },
        { resource: {}, scopeMetrics: [{ metrics: [{ name: 'queue.depth', gauge: { dataPoints: [point(1)] } }] }] },
      ],
    };
    const response = await t.client.post('/api/otlp/v1/metrics', { apiKey: key }).send(body);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      partialSuccess: {
        rejectedDataPoints: '3',
        errorMessage: [
          '1 data point: value not finite, or a utilization outside 0..1',
          `1 data point: ${NO_AGENT}`,
          `1 data point: agent ${foreign} is unknown or not yours`,
        ].join('; '),
      },
    });
    const rows = await t.sql.query(`select type, value, metadata, ts from metric_samples where agent_id = $1`, [agent.id]);
    expect(rows.rows.map((r) => ({ ...r, ts: r.ts.toISOString() }))).toEqual([
      { type: 'queue.depth', value: 7, metadata: { unit: '{item}' }, ts: t.clock.now().toISOString() },
    ]);
  });
});
