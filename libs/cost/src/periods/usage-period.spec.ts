import { projectMonth, usageRange } from './usage-period';

describe('usage periods and projection', () => {
  const now = new Date('2026-11-10T12:00:00.000Z');

  it('resolves the named periods', () => {
    expect(usageRange('current', now)).toEqual({ start: new Date('2026-11-01T00:00:00.000Z'), end: now });
    expect(usageRange('last_30_days', now)).toEqual({ start: new Date('2026-10-11T12:00:00.000Z'), end: now });
    expect(usageRange('all_time', now)).toEqual({ start: null, end: now });
  });

  it('projects the month from the month-to-date daily rate', () => {
    expect(projectMonth(19, now)).toEqual({
      monthStart: '2026-11-01T00:00:00.000Z',
      monthEnd: '2026-11-30T23:59:59.999Z',
      daysInMonth: 30,
      daysElapsed: 9.5,
      monthToDateUsd: 19,
      dailyRateUsd: 2,
      projectedMonthUsd: 60,
    });
    expect(projectMonth(31, new Date('2026-02-15T00:00:00.000Z')).projectedMonthUsd).toBe(62);
    expect(projectMonth(0, new Date('2026-12-01T00:00:00.000Z')).projectedMonthUsd).toBe(0);
  });
});
