import { IngestBatch, IngestError, IngestLimits, validateIngestBody } from '@fleetwatch/ingest';
import { IngestLlmCallItem, IngestSampleItem, IngestToolCallItem, OtlpRunItem, SpanPlacement } from '../mapping/ingest-items';
import { checkRun } from './otlp-run.check';

/** One mapped item and how many OTLP spans or data points it stands for. */
export type Candidate =
  | { kind: 'samples'; item: IngestSampleItem; points: number }
  | { kind: 'llmCalls'; item: IngestLlmCallItem & SpanPlacement; points: number }
  | { kind: 'toolCalls'; item: IngestToolCallItem & SpanPlacement; points: number }
  | { kind: 'runs'; item: OtlpRunItem; points: number };

export type CandidateKind = Candidate['kind'];

/** Reasons listed in one partial_success message; the counts still cover every refused item. */
const MAX_REASONS = 10;

/** Counts refused points per reason, for the partial_success message. */
export class Rejections {
  private readonly reasons = new Map<string, number>();
  total = 0;

  add(reason: string, points: number): void {
    if (points <= 0) return;
    this.total += points;
    this.reasons.set(reason, (this.reasons.get(reason) ?? 0) + points);
  }

  /** `2 spans: agent … is unknown or not yours; 1 span: …`, the first MAX_REASONS reasons. */
  message(unit: [singular: string, plural: string]): string {
    const all = [...this.reasons];
    const listed = all.slice(0, MAX_REASONS).map(([reason, n]) => `${n} ${n === 1 ? unit[0] : unit[1]}: ${reason}`);
    if (all.length > MAX_REASONS) listed.push(`and ${all.length - MAX_REASONS} more reasons`);
    return listed.join('; ');
  }
}

/**
 * Runs each candidate through the POST /api/ingest validator on its own, so one bad span is
 * refused alone (OTLP partial success) while the rest get exactly the checks /api/ingest applies.
 * Runs, whose ids are trace ids and whose text may be dropped rather than refused, go through
 * checkRun, which applies the same time rules.
 */
export function buildBatch(candidates: Candidate[], limits: IngestLimits, rejections: Rejections): { batch: IngestBatch; kept: Candidate[] } {
  const batch: IngestBatch = { samples: [], llmCalls: [], toolCalls: [], events: [] };
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    if (candidate.kind === 'runs') {
      const run = checkRun(candidate.item, limits);
      if (typeof run === 'string') rejections.add(run, candidate.points);
      else {
        (batch.runs ??= []).push(run);
        kept.push(candidate);
      }
      continue;
    }
    try {
      if (candidate.kind === 'samples') {
        batch.samples.push(...validateIngestBody({ samples: [candidate.item] }, limits).samples);
      } else {
        // Span ids are OTLP's own: /api/ingest does not take them, so they rejoin the item after its checks.
        const { spanId, parentSpanId, ...item } = candidate.item;
        const one = validateIngestBody({ [candidate.kind]: [item] }, limits);
        const spans = { spanId: spanId ?? null, parentSpanId: parentSpanId ?? null };
        if (candidate.kind === 'llmCalls') batch.llmCalls.push(...one.llmCalls.map((c) => ({ ...c, ...spans })));
        else batch.toolCalls.push(...one.toolCalls.map((c) => ({ ...c, ...spans })));
      }
      kept.push(candidate);
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      rejections.add(error.message.replace(/\b(samples|llmCalls|toolCalls)\[0\]\.?/g, '').trim(), candidate.points);
    }
  }
  return { batch, kept };
}
