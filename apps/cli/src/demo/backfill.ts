import { reports } from './fleet-plan';
import { Accepted, IngestSender } from './ingest-sender';
import { Random } from './random';
import { agentActivity, batchSize, dayCurve, emptyBatch, FleetAgent, TelemetryBatch } from './telemetry-generator';

/** One history point per agent every half hour: hourly charts get two samples per bucket. */
export const BACKFILL_STEP_MS = 30 * 60_000;
/** Items per request: far below INGEST_MAX_ITEMS (10,000) and, at ~350 bytes an item, the 5 MB body limit. */
export const BACKFILL_BATCH_ITEMS = 4000;
/** History stops short of now so the live stream, not the backfill, sets "last seen". */
const BACKFILL_END_GAP_MS = 5 * 60_000;

/** "7d", "36h", "90m", "45s" → milliseconds; undefined for anything else. */
export function parseSpan(text: string): number | undefined {
  const match = /^(\d+)([dhms])$/.exec(text.trim());
  if (!match) return undefined;
  const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[match[2] as 'd' | 'h' | 'm' | 's'];
  const ms = Number(match[1]) * unit;
  return ms > 0 ? ms : undefined;
}

function append(into: TelemetryBatch, from: TelemetryBatch): void {
  into.samples.push(...from.samples);
  into.llmCalls.push(...from.llmCalls);
  into.toolCalls.push(...from.toolCalls);
}

/**
 * History for the charts: every agent as it ran before today's deployments (the failed and stuck
 * ones included, they ran their previous version), busier by day than by night. Sent oldest first
 * in batches; `stored` is updated as batches are accepted.
 */
export async function backfill(
  sender: IngestSender,
  fleet: FleetAgent[],
  spanMs: number,
  now: Date,
  rng: Random,
  stored: Accepted,
  onBatch: () => void,
): Promise<void> {
  const end = now.getTime() - BACKFILL_END_GAP_MS;
  const start = Math.ceil((now.getTime() - spanMs) / BACKFILL_STEP_MS) * BACKFILL_STEP_MS;
  let pending = emptyBatch();
  const flush = async (): Promise<void> => {
    if (batchSize(pending) === 0) return;
    const accepted = await sender.send(pending);
    stored.samples += accepted.samples;
    stored.llmCalls += accepted.llmCalls;
    stored.toolCalls += accepted.toolCalls;
    pending = emptyBatch();
    onBatch();
  };
  for (let t = start; t <= end; t += BACKFILL_STEP_MS) {
    const at = new Date(t);
    const load = dayCurve(at);
    for (const agent of fleet) {
      // The demo's failing agents ran fine until today's deployments; history shows that.
      const busy = reports(agent.role) ? 1 : 0.5;
      const calls = Math.round(rng.between(1, 5) * load * busy);
      append(pending, agentActivity(agent, at, BACKFILL_STEP_MS, calls, rng));
    }
    if (batchSize(pending) >= BACKFILL_BATCH_ITEMS) await flush();
  }
  await flush();
}
