import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { IngestError, IngestLimits, TelemetryWriter } from '@fleetwatch/ingest';
import { normalizeMetricsRequest, normalizeTraceRequest } from '../codec/otlp-normalize';
import { decodeProtobufRequest, OtlpSignal, PartialSuccess } from '../codec/otlp-proto.codec';
import { OtlpError } from '../errors/otlp.error';
import { mapMetrics } from '../mapping/genai-metric.mapper';
import { mapGenAiSpans } from '../mapping/genai-span.mapper';
import { buildBatch, Candidate, Rejections } from './otlp-batch.builder';
import { OtlpAdmission } from './otlp-admission.service';
import { OtlpAgentOwners } from './otlp-agent-owners.service';
import { OtlpMetrics } from './otlp.metrics';
import { OtlpUnmappedService, unmappedMessage } from './otlp-unmapped.service';

export type OtlpFormat = 'protobuf' | 'json';

/** A request body as the HTTP layer received it: raw bytes for protobuf, parsed JSON otherwise. */
export interface OtlpPayload {
  format: OtlpFormat;
  body: unknown;
}

/** What the response encoder needs; `partial` is absent when everything was accepted. */
export interface OtlpExportResult {
  signal: OtlpSignal;
  format: OtlpFormat;
  partial?: PartialSuccess;
}

const NO_AGENT = 'no agent: set the resource attribute fleetwatch.agent.id (or gen_ai.agent.id) to a Fleetwatch agent id';

/**
 * OTLP/HTTP receiver: decode, map the GenAI conventions to ingest items, refuse per item what
 * cannot be stored (no or foreign agent, out-of-range values or timestamps), and write the rest
 * through the same TelemetryWriter batch path as POST /api/ingest (pricing included).
 */
@Injectable()
export class OtlpExportService {
  constructor(
    private readonly writer: TelemetryWriter,
    private readonly owners: OtlpAgentOwners,
    private readonly admission: OtlpAdmission,
    private readonly unmapped: OtlpUnmappedService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  exportTraces(payload: OtlpPayload, principal: Principal): Promise<OtlpExportResult> {
    return this.admission.run(async () => {
      const mapped = mapGenAiSpans(this.parse('traces', payload, normalizeTraceRequest));
      const candidates: Candidate[] = [
        ...mapped.runs.map((run): Candidate => ({ kind: 'runs', item: run.item, points: run.points })),
        ...mapped.llmCalls.map((item): Candidate => ({ kind: 'llmCalls', item, points: 1 })),
        ...mapped.toolCalls.map((item): Candidate => ({ kind: 'toolCalls', item, points: 1 })),
      ];
      // Recorded first: when the database fails here nothing is stored yet, so the exporter's retry duplicates nothing.
      await this.unmapped.record(principal, mapped.unmapped);
      const rejections = new Rejections();
      const stored = await this.store(candidates, principal, rejections);
      OtlpMetrics.count('traces', { stored, ignored: mapped.structural, unmapped: mapped.unmapped.length, rejected: rejections.total });
      return this.result('traces', payload.format, rejections, ['span', 'spans'], unmappedMessage(mapped.unmapped));
    });
  }

  exportMetrics(payload: OtlpPayload, principal: Principal): Promise<OtlpExportResult> {
    return this.admission.run(async () => {
      const mapped = mapMetrics(this.parse('metrics', payload, normalizeMetricsRequest));
      const candidates = mapped.samples.map((s): Candidate => ({ kind: 'samples', item: s.item, points: s.points }));
      const rejections = new Rejections();
      rejections.add('value not finite, or a utilization outside 0..1', mapped.invalid);
      const stored = await this.store(candidates, principal, rejections);
      OtlpMetrics.count('metrics', { stored, ignored: mapped.ignored, unmapped: 0, rejected: rejections.total });
      return this.result('metrics', payload.format, rejections, ['data point', 'data points']);
    });
  }

  /** Decoding and shape problems are the client's: 400, which OTLP clients do not retry. */
  private parse<T>(signal: OtlpSignal, payload: OtlpPayload, normalize: (request: unknown) => T): T {
    // Zero bytes are a valid, empty protobuf message; Fastify hands no body over for them.
    const body = payload.format === 'protobuf' && payload.body === undefined ? Buffer.alloc(0) : payload.body;
    if (payload.format === 'json' && (typeof body !== 'object' || body === null || Array.isArray(body))) {
      throw OtlpError.undecodable(signal, 'the JSON body must be an object');
    }
    if (payload.format === 'protobuf' && !Buffer.isBuffer(body)) throw OtlpError.undecodable(signal, 'the body must be bytes');
    try {
      return normalize(payload.format === 'json' ? body : decodeProtobufRequest(signal, body as Buffer));
    } catch (error) {
      throw OtlpError.undecodable(signal, (error as Error).message);
    }
  }

  /** Returns how many spans or data points were stored. */
  private async store(candidates: Candidate[], principal: Principal, rejections: Rejections): Promise<number> {
    const limits: IngestLimits = {
      now: this.clock.now(),
      maxItems: this.config.telemetry.maxIngestItems,
      rawRetentionDays: this.config.telemetry.rawRetentionDays,
      futureToleranceSeconds: this.config.telemetry.futureToleranceSeconds,
    };
    if (candidates.length > limits.maxItems) throw IngestError.tooManyItems(candidates.length, limits.maxItems);
    const bound = principal.agentId?.toLowerCase();
    const named = candidates.filter((c) => {
      // A key bound to one agent supplies the agent for data that names none, and refuses any other.
      if (!c.item.agentId && bound) c.item.agentId = bound;
      if (!c.item.agentId) {
        rejections.add(NO_AGENT, c.points);
        return false;
      }
      if (bound && c.item.agentId.toLowerCase() !== bound) {
        rejections.add(`this API key is bound to agent ${bound}`, c.points);
        return false;
      }
      return true;
    });
    const writable = await this.owners.writable(
      named.map((c) => c.item.agentId),
      principal,
    );
    const owned = named.filter((c) => {
      if (writable.has(c.item.agentId.toLowerCase())) return true;
      rejections.add(`agent ${c.item.agentId} is unknown or not yours`, c.points);
      return false;
    });
    const { batch, kept } = buildBatch(owned, limits, rejections);
    if (kept.length > 0) await this.writer.write(batch, principal);
    return kept.reduce((n, c) => n + c.points, 0);
  }

  /** Refusals and the unrecognised-spans warning share one partialSuccess (OTLP allows a warning with 0 rejected). */
  private result(signal: OtlpSignal, format: OtlpFormat, rejections: Rejections, unit: [string, string], warning?: string): OtlpExportResult {
    if (rejections.total === 0 && !warning) return { signal, format };
    const errorMessage = [rejections.total > 0 ? rejections.message(unit) : undefined, warning].filter(Boolean).join('; ');
    return { signal, format, partial: { rejected: rejections.total, errorMessage } };
  }
}
