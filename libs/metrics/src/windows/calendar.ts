import { DAY_MS } from '@fleetwatch/common';

/** Calendar windows in UTC: the day, the ISO week (from Monday) and the month containing `now`. */
export function calendarStarts(now: Date): { day: Date; week: Date; month: Date; previousMonth: Date } {
  const day = new Date(Math.floor(now.getTime() / DAY_MS) * DAY_MS);
  const sinceMonday = (day.getUTCDay() + 6) % 7;
  const week = new Date(day.getTime() - sinceMonday * DAY_MS);
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  const previousMonth = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1));
  return { day, week, month, previousMonth };
}
