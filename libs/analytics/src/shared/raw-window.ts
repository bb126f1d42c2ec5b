import { AppConfig } from '@fleetwatch/config';
import { DAY_MS } from '@fleetwatch/common';
import { TimeRange } from './time-range';

/** Ranges up to this long read raw rows (exact percentiles) as long as those rows are still retained. */
export const EXACT_MAX_DAYS = 7;

/** The first instant whose raw rows retention still keeps (it drops whole days before this day). */
export function rawRetainedSince(now: Date, config: AppConfig): Date {
  const cutoff = now.getTime() - config.telemetry.rawRetentionDays * DAY_MS;
  return new Date(Math.floor(cutoff / DAY_MS) * DAY_MS);
}

export function useRawRows(range: TimeRange, now: Date, config: AppConfig): boolean {
  return range.end.getTime() - range.start.getTime() <= EXACT_MAX_DAYS * DAY_MS && range.start >= rawRetainedSince(now, config);
}
