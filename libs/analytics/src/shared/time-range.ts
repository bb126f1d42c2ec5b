import { AnalyticsError } from '../errors/analytics.error';

export interface TimeRange {
  start: Date;
  end: Date;
}

/** Resolves optional ISO bounds against now; end defaults to now, start to end minus `defaultSpanMs`. */
export function resolveRange(now: Date, bounds: { start?: string; end?: string }, defaultSpanMs: number, names: { start: string; end: string }): TimeRange {
  const end = bounds.end ? new Date(bounds.end) : now;
  const start = bounds.start ? new Date(bounds.start) : new Date(end.getTime() - defaultSpanMs);
  if (start.getTime() >= end.getTime()) throw AnalyticsError.invalidRange(names.start, `must be before ${names.end}`);
  return { start, end };
}

export function floorTo(ms: number, stepMs: number): number {
  return Math.floor(ms / stepMs) * stepMs;
}

/** `null` for an empty denominator: a rate over no calls is unknown, not zero. */
export function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function numberOrNull(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}
