import { DAY_MS } from '@fleetwatch/common';
import { RunItem } from './ingest-batch';
import { parseRfc3339 } from './rfc3339';
import { UNSAFE_TEXT_PROBLEM, unsafeTextPaths } from './text-safety';

type Raw = Record<string, unknown>;

export interface RunLimits {
  now: Date;
  rawRetentionDays: number;
  futureToleranceSeconds: number;
}

/**
 * The semantic checks of `runs[]` after the schema: times within the accepted range (a run may not
 * start before raw retention, like the calls it counts), `endedAt` not before `startedAt`. Problems
 * are appended by item path; the caller refuses the whole batch when there are any.
 */
export function normalizeRuns(items: readonly Raw[], limits: RunLimits, problems: string[]): RunItem[] {
  const nowMs = limits.now.getTime();
  const latest = nowMs + limits.futureToleranceSeconds * 1000;
  const earliest = nowMs - limits.rawRetentionDays * DAY_MS;
  const time = (text: string, path: string): Date => {
    const ms = parseRfc3339(text);
    if (ms === null) problems.push(`${path} is not a valid date-time`);
    else if (ms > latest) problems.push(`${path} is more than ${limits.futureToleranceSeconds / 60} minutes in the future`);
    else if (ms < earliest) problems.push(`${path} is older than the raw retention of ${limits.rawRetentionDays} days`);
    return new Date(ms ?? Number.NaN);
  };
  return items.map((r, i) => {
    const path = `runs[${i}]`;
    const startedAt = time(r.startedAt as string, `${path}.startedAt`);
    const endedAt = r.endedAt === undefined ? null : time(r.endedAt as string, `${path}.endedAt`);
    if (endedAt && endedAt.getTime() < startedAt.getTime()) problems.push(`${path}.endedAt must not be before ${path}.startedAt`);
    for (const unsafe of unsafeTextPaths(r.metadata, `${path}.metadata`)) problems.push(`${unsafe} ${UNSAFE_TEXT_PROBLEM}`);
    return {
      id: r.id as string,
      agentId: (r.agentId as string).toLowerCase(),
      conversationId: (r.conversationId as string | undefined) ?? null,
      name: (r.name as string | undefined) ?? null,
      status: r.status as RunItem['status'],
      startedAt,
      endedAt,
      metadata: (r.metadata as Raw | undefined) ?? null,
    };
  });
}
