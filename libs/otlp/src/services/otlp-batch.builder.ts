import { IngestBatch, IngestError, IngestKind, IngestLimits, validateIngestBody } from '@fleetwatch/ingest';
import { IngestLlmCallItem, IngestSampleItem, IngestToolCallItem } from '../mapping/ingest-items';

export type CandidateKind = Exclude<IngestKind, 'events'>;

/** One mapped item and how many OTLP spans or data points it stands for. */
export type Candidate =
  | { kind: 'samples'; item: IngestSampleItem; points: number }
  | { kind: 'llmCalls'; item: IngestLlmCallItem; points: number }
  | { kind: 'toolCalls'; item: IngestToolCallItem; points: number };

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
 */
export function buildBatch(candidates: Candidate[], limits: IngestLimits, rejections: Rejections): { batch: IngestBatch; kept: Candidate[] } {
  const batch: IngestBatch = { samples: [], llmCalls: [], toolCalls: [], events: [] };
  const kept: Candidate[] = [];
  for (const candidate of candidates) {
    try {
      const one = validateIngestBody({ [candidate.kind]: [candidate.item] }, limits);
      if (candidate.kind === 'samples') batch.samples.push(...one.samples);
      else if (candidate.kind === 'llmCalls') batch.llmCalls.push(...one.llmCalls);
      else batch.toolCalls.push(...one.toolCalls);
      kept.push(candidate);
    } catch (error) {
      if (!(error instanceof IngestError)) throw error;
      rejections.add(error.message.replace(/\b(samples|llmCalls|toolCalls)\[0\]\.?/g, '').trim(), candidate.points);
    }
  }
  return { batch, kept };
}
