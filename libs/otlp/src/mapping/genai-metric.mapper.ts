import { Attributes, OtlpDataPoint, OtlpMetric, OtlpResourceMetrics } from '../codec/otlp-model';
import { FLEETWATCH_AGENT_ID, GEN_AI_AGENT_ID, nanosToIso, resolveAgentId, text } from './genai-attributes';
import { IngestSampleItem } from './ingest-items';

/** A sample and how many OTLP data points it stands for (what is counted when it is rejected). */
export interface MappedSample {
  item: IngestSampleItem;
  points: number;
}

export interface MappedMetrics {
  samples: MappedSample[];
  /** Points Fleetwatch does not store (other histograms, idle CPU, free memory, exotic kinds). */
  ignored: number;
  /** Points refused for their value (not finite, utilisation outside 0..1). */
  invalid: number;
}

export const TOKEN_USAGE = 'gen_ai.client.token.usage';
export const OPERATION_DURATION = 'gen_ai.client.operation.duration';
/** @ai-sdk/otel's name for the same measure of one model call. */
export const INFERENCE_DURATION = 'gen_ai.client.inference.duration';
/** The newer per-inference token histograms, one metric per direction (no gen_ai.token.type). */
export const INFERENCE_USAGE_HISTOGRAMS = new Set(['gen_ai.client.inference.usage.input_tokens', 'gen_ai.client.inference.usage.output_tokens']);
/** The newer counters by token type (`…detailed.input_tokens`, `…detailed.cache_read.input_tokens`, …), split by gen_ai.token.modality. */
export const INFERENCE_USAGE_COUNTERS = 'gen_ai.client.inference.usage.detailed.';
const CPU_METRICS = new Set(['process.cpu.utilization', 'system.cpu.utilization']);
const MEMORY_METRICS = new Set(['process.memory.utilization', 'system.memory.utilization']);
const CUSTOM_TYPE = /^[a-z][a-z0-9_.]{0,63}$/;

/** Any metric name → a custom sample type `^[a-z][a-z0-9_.]{0,63}$`, or undefined when nothing is left. */
export function sanitizeSampleType(name: string): string | undefined {
  const cleaned = name
    .toLowerCase()
    .replace(/[^a-z0-9_.]/g, '_')
    .replace(/^[^a-z]+/, '')
    .slice(0, 64);
  return CUSTOM_TYPE.test(cleaned) ? cleaned : undefined;
}

function temporalityName(metric: OtlpMetric): string | undefined {
  return metric.temporality === 1 ? 'delta' : metric.temporality === 2 ? 'cumulative' : undefined;
}

/** Point attributes minus the agent ids, kept as sample metadata. */
function pointMetadata(attributes: Attributes): Record<string, unknown> {
  const { [FLEETWATCH_AGENT_ID]: _a, [GEN_AI_AGENT_ID]: _b, ...rest } = attributes;
  return rest;
}

/** Sums points that land on the same (agent, type, time) into one sample. */
class SampleGroups {
  private readonly groups = new Map<
    string,
    { agentId: string; type: string; timeNs: bigint; value: number; count: number; points: number; metadata: Record<string, unknown> }
  >();

  add(agentId: string, type: string, timeNs: bigint, value: number, count: number, metadata: Record<string, unknown>): void {
    const key = `${agentId}|${type}|${timeNs}`;
    const group = this.groups.get(key);
    if (group) {
      group.value += value;
      group.count += count;
      group.points += 1;
    } else {
      this.groups.set(key, { agentId, type, timeNs, value, count, points: 1, metadata });
    }
  }

  samples(finish: (value: number, count: number) => number, withCount: boolean): MappedSample[] {
    return [...this.groups.values()].map((g) => {
      const metadata = withCount ? { ...g.metadata, count: g.count } : g.metadata;
      return {
        item: {
          agentId: g.agentId,
          type: g.type,
          value: finish(g.value, g.count),
          timestamp: nanosToIso(g.timeNs),
          ...(Object.keys(metadata).length ? { metadata } : {}),
        },
        points: g.points,
      };
    });
  }
}

/**
 * OTLP metrics → samples:
 * - `gen_ai.client.token.usage` histogram: the points' `sum`, added up per `gen_ai.token.type`
 *   (input/output) → `gen_ai.client.token.usage.input` / `.output`;
 * - `gen_ai.client.inference.usage.input_tokens` / `.output_tokens` histograms: the points' `sum`
 *   → a sample of the metric's name (metadata: count);
 * - `gen_ai.client.inference.usage.detailed.*` counters (input, output, cache_read, cache_write,
 *   reasoning): the modalities' points added up → a sample of the metric's name;
 * - `gen_ai.client.operation.duration` (and `gen_ai.client.inference.duration`) histogram: mean
 *   in ms (sum / count, seconds × 1000) → a sample of the metric's name;
 * - `process.cpu.utilization` / `system.cpu.utilization` gauge or sum (ratio): non-idle modes
 *   added up, × 100 → `cpu`; `*.memory.utilization` (state used or none) × 100 → `memory`;
 * - any other gauge or sum point → a custom sample named after the metric (sanitised).
 * Histogram values keep the exporter's temporality (cumulative totals unless it sends delta).
 */
export function mapMetrics(resources: OtlpResourceMetrics[]): MappedMetrics {
  const out: MappedMetrics = { samples: [], ignored: 0, invalid: 0 };
  for (const { resource, metrics, unsupportedPoints } of resources) {
    out.ignored += unsupportedPoints;
    const tokens = new SampleGroups();
    const durations = new SampleGroups();
    const utilisation = new SampleGroups();
    const counters = new SampleGroups();
    for (const metric of metrics) {
      const temporality = temporalityName(metric);
      for (const point of metric.points) {
        const agentId = resolveAgentId(point.attributes, resource) ?? '';
        const handled = mapPoint(metric, point, agentId, temporality, { tokens, durations, utilisation, counters }, out);
        if (!handled) out.ignored += 1;
      }
    }
    out.samples.push(
      ...tokens.samples((v) => v, true),
      ...durations.samples((sum, n) => (sum / n) * 1000, true),
      ...utilisation.samples((v) => Math.min(100, v * 100), false),
      ...counters.samples((v) => v, false),
    );
  }
  return out;
}

interface Groups {
  tokens: SampleGroups;
  counters: SampleGroups;
  durations: SampleGroups;
  utilisation: SampleGroups;
}

/** Returns false when the point is ignored. */
function mapPoint(metric: OtlpMetric, point: OtlpDataPoint, agentId: string, temporality: string | undefined, groups: Groups, out: MappedMetrics): boolean {
  const meta = temporality ? { temporality } : {};
  if (metric.kind === 'histogram') {
    if (metric.name === TOKEN_USAGE) {
      const tokenType = text(point.attributes, 'gen_ai.token.type');
      if (tokenType !== 'input' && tokenType !== 'output') return false;
      if (point.sum === undefined || !Number.isFinite(point.sum)) return invalid(out);
      groups.tokens.add(agentId, `${TOKEN_USAGE}.${tokenType}`, point.timeNs, point.sum, point.count ?? 0, meta);
      return true;
    }
    if (INFERENCE_USAGE_HISTOGRAMS.has(metric.name)) {
      if (point.sum === undefined || !Number.isFinite(point.sum)) return invalid(out);
      groups.tokens.add(agentId, metric.name, point.timeNs, point.sum, point.count ?? 0, meta);
      return true;
    }
    if (metric.name === OPERATION_DURATION || metric.name === INFERENCE_DURATION) {
      if (!point.count) return false;
      if (point.sum === undefined || !Number.isFinite(point.sum)) return invalid(out);
      const seconds = metric.unit === 'ms' ? point.sum / 1000 : point.sum;
      groups.durations.add(agentId, metric.name, point.timeNs, seconds, point.count, meta);
      return true;
    }
    return false;
  }
  if (point.value === undefined) return false;
  if (!Number.isFinite(point.value)) return invalid(out);
  if (metric.kind === 'sum' && metric.name.startsWith(INFERENCE_USAGE_COUNTERS)) {
    const type = sanitizeSampleType(metric.name);
    if (!type) return false;
    groups.counters.add(agentId, type, point.timeNs, point.value, 0, meta);
    return true;
  }
  if (CPU_METRICS.has(metric.name) || MEMORY_METRICS.has(metric.name)) {
    const cpu = CPU_METRICS.has(metric.name);
    const mode = text(point.attributes, cpu ? 'cpu.mode' : 'system.memory.state', cpu ? 'process.cpu.state' : 'state');
    if (cpu ? mode === 'idle' : mode !== undefined && mode !== 'used') return false;
    if (point.value < 0 || point.value > 1) return invalid(out);
    groups.utilisation.add(agentId, cpu ? 'cpu' : 'memory', point.timeNs, point.value, 0, {});
    return true;
  }
  const type = sanitizeSampleType(metric.name);
  if (!type) return false;
  const metadata = { ...pointMetadata(point.attributes), ...(metric.unit ? { unit: metric.unit } : {}), ...meta };
  out.samples.push({
    item: { agentId, type, value: point.value, timestamp: nanosToIso(point.timeNs), ...(Object.keys(metadata).length ? { metadata } : {}) },
    points: 1,
  });
  return true;
}

function invalid(out: MappedMetrics): true {
  out.invalid += 1;
  return true;
}
