import { calendarStarts } from './calendar';

describe('calendarStarts', () => {
  it('starts the week on Monday and the month on the 1st, in UTC', () => {
    const starts = calendarStarts(new Date('2026-11-22T02:30:00Z')); // a Sunday
    expect(starts.day.toISOString()).toBe('2026-11-22T00:00:00.000Z');
    expect(starts.week.toISOString()).toBe('2026-11-16T00:00:00.000Z');
    expect(starts.month.toISOString()).toBe('2026-11-01T00:00:00.000Z');
    expect(starts.previousMonth.toISOString()).toBe('2026-10-01T00:00:00.000Z');
  });

  it('keeps a Monday as its own week start and wraps January to the previous December', () => {
    const starts = calendarStarts(new Date('2027-01-04T10:00:00Z'));
    expect(starts.week.toISOString()).toBe('2027-01-04T00:00:00.000Z');
    expect(starts.previousMonth.toISOString()).toBe('2026-12-01T00:00:00.000Z');
  });
});
