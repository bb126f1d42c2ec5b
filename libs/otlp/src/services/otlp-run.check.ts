import { DAY_MS, unsafeTextProblem } from '@fleetwatch/common';
import type { IngestLimits, RunItem } from '@fleetwatch/ingest';
import type { OtlpRunItem } from '../mapping/ingest-items';

/**
 * A run found in OTLP spans → the batch's RunItem, or why it is refused. Its id is a trace id;
 * a name or conversation that PostgreSQL cannot store (NUL, lone surrogates) is dropped rather
 * than refusing the run; its times get the rules of POST /api/ingest (raw retention behind, the
 * future tolerance ahead, an end not before the start).
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
  if (endedAt !== null && endedAt.getTime() < startedAt.getTime()) return 'run ends before it starts';
  const safe = (text: string | null) => (text !== null && unsafeTextProblem(text) === undefined ? text : null);
  return { ...run, agentId: run.agentId.toLowerCase(), name: safe(run.name), conversationId: safe(run.conversationId), startedAt, endedAt };
}
