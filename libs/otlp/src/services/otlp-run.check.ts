import { DAY_MS } from '@fleetwatch/common';
import type { IngestLimits, RunItem } from '@fleetwatch/ingest';
import type { OtlpRunItem } from '../mapping/ingest-items';

/**
 * A run found in OTLP spans → the batch's RunItem, or why it is refused. Its id is a trace id
 * and its texts come from span names, so only its times can be out of range: they get the
 * timestamp rules of POST /api/ingest (raw retention behind, the future tolerance ahead).
 */
export function checkRun(run: OtlpRunItem, limits: IngestLimits): RunItem | string {
  const now = limits.now.getTime();
  const startedAt = new Date(run.startedAt);
  const endedAt = run.endedAt === null ? null : new Date(run.endedAt);
  for (const at of [startedAt, endedAt]) {
    if (at === null) continue;
    if (at.getTime() > now + limits.futureToleranceSeconds * 1000)
      return `run timestamp is more than ${limits.futureToleranceSeconds / 60} minutes in the future`;
    if (at.getTime() < now - limits.rawRetentionDays * DAY_MS) return `run timestamp is older than the raw retention of ${limits.rawRetentionDays} days`;
  }
  return { ...run, agentId: run.agentId.toLowerCase(), startedAt, endedAt };
}
