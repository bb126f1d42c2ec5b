import { DAY_MS } from '@fleetwatch/common';

export const USAGE_PERIODS = ['current', 'last_30_days', 'all_time'] as const;
export type UsagePeriod = (typeof USAGE_PERIODS)[number];

/** `current`: since the start of the UTC month; `last_30_days`: the 30 × 24 h before now; `all_time`: everything. Always up to now, inclusive. */
export function usageRange(period: UsagePeriod, now: Date): { start: Date | null; end: Date } {
  switch (period) {
    case 'current':
      return { start: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)), end: now };
    case 'last_30_days':
      return { start: new Date(now.getTime() - 30 * DAY_MS), end: now };
    case 'all_time':
      return { start: null, end: now };
  }
}

export interface MonthProjection {
  monthStart: string;
  monthEnd: string;
  daysInMonth: number;
  daysElapsed: number;
  monthToDateUsd: number;
  dailyRateUsd: number;
  projectedMonthUsd: number;
}

const round = (v: number, digits: number): number => Number(v.toFixed(digits));

/**
 * Straight-line month-end projection: daily rate = month-to-date cost / days elapsed since the
 * start of the UTC month (fractional days, to the instant of the request); projection = daily
 * rate × days in the month. At the very first instant of a month the projection is the spend itself.
 */
export function projectMonth(monthToDateUsd: number, now: Date): MonthProjection {
  const start = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1);
  const next = Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1);
  const daysInMonth = Math.round((next - start) / DAY_MS);
  const daysElapsed = (now.getTime() - start) / DAY_MS;
  const dailyRate = daysElapsed > 0 ? monthToDateUsd / daysElapsed : 0;
  return {
    monthStart: new Date(start).toISOString(),
    monthEnd: new Date(next - 1).toISOString(),
    daysInMonth,
    daysElapsed: round(daysElapsed, 6),
    monthToDateUsd: round(monthToDateUsd, 10),
    dailyRateUsd: round(dailyRate, 10),
    projectedMonthUsd: daysElapsed > 0 ? round(dailyRate * daysInMonth, 10) : round(monthToDateUsd, 10),
  };
}
