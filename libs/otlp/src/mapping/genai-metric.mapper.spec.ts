import { OtlpMetric } from '../codec/otlp-model';
import { mapMetrics, sanitizeSampleType } from './genai-metric.mapper';

const AGENT = '0190b5a0-0000-7000-8000-000000000001';
const T = 1_763_800_000_000_000_000n;
const ISO = new Date(Number(T / 1_000_000n)).toISOString();

function run(metrics: OtlpMetric[], unsupportedPoints = 0) {
  return mapMetrics([{ resource: { 'fleetwatch.agent.id': AGENT }, metrics, unsupportedPoints }]);
}

describe('mapMetrics', () => {
  it('adds up token usage per gen_ai.token.type', () => {
    const out = run([
      {
        name: 'gen_ai.client.token.usage',
        unit: '{token}',
        kind: 'histogram',
        temporality: 1,
        points: [
          { attributes: { 'gen_ai.token.type': 'input', 'gen_ai.request.model': 'a' }, timeNs: T, count: 2, sum: 100 },
          { attributes: { 'gen_ai.token.type': 'input', 'gen_ai.request.model': 'b' }, timeNs: T, count: 1, sum: 50 },
          { attributes: { 'gen_ai.token.type': 'output', 'gen_ai.request.model': 'a' }, timeNs: T, count: 3, sum: 40 },
          { attributes: { 'gen_ai.token.type': 'reasoning' }, timeNs: T, count: 1, sum: 5 },
        ],
      },
    ]);
    expect(out.samples).toEqual([
      {
        item: { agentId: AGENT, type: 'gen_ai.client.token.usage.input', value: 150, timestamp: ISO, metadata: { temporality: 'delta', count: 3 } },
        points: 2,
      },
      {
        item: { agentId: AGENT, type: 'gen_ai.client.token.usage.output', value: 40, timestamp: ISO, metadata: { temporality: 'delta', count: 3 } },
        points: 1,
      },
    ]);
    expect(out.ignored).toBe(1);
  });

  it('maps the gen_ai.client.inference.usage histograms and adds up the detailed counters over modalities', () => {
    const out = run([
      {
        name: 'gen_ai.client.inference.usage.input_tokens',
        unit: '{token}',
        kind: 'histogram',
        temporality: 1,
        points: [{ attributes: {}, timeNs: T, count: 2, sum: 1280 }],
      },
      {
        name: 'gen_ai.client.inference.usage.detailed.cache_read.input_tokens',
        unit: '{token}',
        kind: 'sum',
        temporality: 1,
        points: [
          { attributes: { 'gen_ai.token.modality': 'text' }, timeNs: T, value: 1000 },
          { attributes: { 'gen_ai.token.modality': 'audio' }, timeNs: T, value: 24 },
        ],
      },
    ]);
    expect(out.samples).toEqual([
      {
        item: { agentId: AGENT, type: 'gen_ai.client.inference.usage.input_tokens', value: 1280, timestamp: ISO, metadata: { temporality: 'delta', count: 2 } },
        points: 1,
      },
      {
        item: {
          agentId: AGENT,
          type: 'gen_ai.client.inference.usage.detailed.cache_read.input_tokens',
          value: 1024,
          timestamp: ISO,
          metadata: { temporality: 'delta' },
        },
        points: 2,
      },
    ]);
  });

  it('turns @ai-sdk/otel’s gen_ai.client.inference.duration into a mean in ms of its own name', () => {
    const out = run([
      { name: 'gen_ai.client.inference.duration', unit: 's', kind: 'histogram', temporality: 2, points: [{ attributes: {}, timeNs: T, count: 4, sum: 0.2 }] },
    ]);
    expect(out.samples).toEqual([
      {
        item: { agentId: AGENT, type: 'gen_ai.client.inference.duration', value: 50, timestamp: ISO, metadata: { temporality: 'cumulative', count: 4 } },
        points: 1,
      },
    ]);
  });

  it('turns operation duration (seconds) into a mean in ms', () => {
    const out = run([
      {
        name: 'gen_ai.client.operation.duration',
        unit: 's',
        kind: 'histogram',
        temporality: 2,
        points: [
          { attributes: {}, timeNs: T, count: 2, sum: 3 },
          { attributes: { 'gen_ai.request.model': 'x' }, timeNs: T, count: 2, sum: 1 },
        ],
      },
    ]);
    expect(out.samples).toEqual([
      {
        item: { agentId: AGENT, type: 'gen_ai.client.operation.duration', value: 1000, timestamp: ISO, metadata: { temporality: 'cumulative', count: 4 } },
        points: 2,
      },
    ]);
  });

  it('maps cpu and memory utilization ratios to percent, skipping idle and free', () => {
    const out = run([
      {
        name: 'process.cpu.utilization',
        unit: '1',
        kind: 'gauge',
        points: [
          { attributes: { 'cpu.mode': 'user' }, timeNs: T, value: 0.25 },
          { attributes: { 'cpu.mode': 'system' }, timeNs: T, value: 0.125 },
          { attributes: { 'cpu.mode': 'idle' }, timeNs: T, value: 0.6 },
        ],
      },
      {
        name: 'system.memory.utilization',
        unit: '1',
        kind: 'gauge',
        points: [
          { attributes: { 'system.memory.state': 'used' }, timeNs: T, value: 0.5 },
          { attributes: { 'system.memory.state': 'free' }, timeNs: T, value: 0.5 },
          { attributes: {}, timeNs: T + 1_000_000_000n, value: 1.5 },
        ],
      },
    ]);
    expect(out.samples.map((s) => [s.item.type, s.item.value, s.points])).toEqual([
      ['cpu', 37.5, 2],
      ['memory', 50, 1],
    ]);
    expect(out).toMatchObject({ ignored: 2, invalid: 1 });
  });

  it('stores any other gauge or sum under its sanitised name with attributes as metadata', () => {
    const out = run(
      [
        {
          name: 'Queue Depth',
          unit: '{item}',
          kind: 'sum',
          temporality: 2,
          points: [{ attributes: { queue: 'a', 'fleetwatch.agent.id': AGENT }, timeNs: T, value: 7 }],
        },
        { name: 'other.histogram', unit: 's', kind: 'histogram', temporality: 1, points: [{ attributes: {}, timeNs: T, count: 1, sum: 1 }] },
        { name: 'bad', unit: '', kind: 'gauge', points: [{ attributes: {}, timeNs: T, value: Number.NaN }] },
      ],
      3,
    );
    expect(out.samples).toEqual([
      {
        item: { agentId: AGENT, type: 'queue_depth', value: 7, timestamp: ISO, metadata: { queue: 'a', unit: '{item}', temporality: 'cumulative' } },
        points: 1,
      },
    ]);
    expect(out).toMatchObject({ ignored: 4, invalid: 1 });
  });
});

describe('sanitizeSampleType', () => {
  it.each([
    ['process.memory.usage', 'process.memory.usage'],
    ['HTTP-Requests/sec', 'http_requests_sec'],
    ['9lives', 'lives'],
    ['123', undefined],
    ['a'.repeat(80), 'a'.repeat(64)],
  ])('%s → %s', (name, type) => expect(sanitizeSampleType(name)).toBe(type));
});
