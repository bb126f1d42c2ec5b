import { DAY_MS } from '@fleetwatch/common';
import { CostError } from '../errors/cost.error';

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

export interface CostPeriodInput {
  period_days?: number;
  period_start?: string;
  period_end?: string;
}

/** `[start, endExclusive)` is what is summed; `end` is what the answer reports as periodEnd. */
export interface CostPeriod {
  start: Date;
  end: Date;
  endExclusive: Date;
}

/**
 * `period_days` (default 30): the days before now. `period_start` + `period_end`: a UTC window;
 * a bare date starts at 00:00:00.000 and ends at 23:59:59 of that day (every call of the day counts);
 * a full timestamp is taken as is, inclusive.
 */
export function resolveCostPeriod(input: CostPeriodInput, now: Date): CostPeriod {
  const custom = input.period_start !== undefined || input.period_end !== undefined;
  if (!custom) {
    const days = input.period_days ?? 30;
    return { start: new Date(now.getTime() - days * DAY_MS), end: now, endExclusive: new Date(now.getTime() + 1) };
  }
  if (input.period_days !== undefined) throw CostError.invalidPeriod('period_days cannot be combined with period_start/period_end');
  if (input.period_start === undefined) throw CostError.invalidPeriod('period_start is required with period_end');
  if (input.period_end === undefined) throw CostError.invalidPeriod('period_end is required with period_start');
  const start = new Date(DATE_ONLY.test(input.period_start) ? `${input.period_start}T00:00:00.000Z` : input.period_start);
  let end: Date;
  let endExclusive: Date;
  if (DATE_ONLY.test(input.period_end)) {
    const dayStart = Date.parse(`${input.period_end}T00:00:00.000Z`);
    end = new Date(dayStart + DAY_MS - 1000);
    endExclusive = new Date(dayStart + DAY_MS);
  } else {
    end = new Date(input.period_end);
    endExclusive = new Date(end.getTime() + 1);
  }
  if (start.getTime() >= endExclusive.getTime()) throw CostError.invalidPeriod('period_end must not be before period_start');
  return { start, end, endExclusive };
}
