import { budgetActions, budgetStatus, percentUsed } from './budget-rules';

describe('budget rules', () => {
  const base = { monthlyUsd: 10, softThresholdPct: 80, hardCap: true, warnedMonth: null, pausedMonth: null };

  it('classifies spend against the thresholds', () => {
    expect(budgetStatus({ ...base, monthToDateUsd: 7.99 })).toBe('ok');
    expect(budgetStatus({ ...base, monthToDateUsd: 8 })).toBe('warning');
    expect(budgetStatus({ ...base, monthToDateUsd: 10 })).toBe('exceeded');
    expect(percentUsed(8.5, 10)).toBe(85);
    expect(percentUsed(1, 3)).toBe(33.33);
  });

  it('acts once per month on each crossing', () => {
    expect(budgetActions({ ...base, monthToDateUsd: 8 }, '2026-11-01')).toEqual({ warn: true, pause: false });
    expect(budgetActions({ ...base, monthToDateUsd: 9, warnedMonth: '2026-11-01' }, '2026-11-01')).toEqual({ warn: false, pause: false });
    expect(budgetActions({ ...base, monthToDateUsd: 10, warnedMonth: '2026-11-01' }, '2026-11-01')).toEqual({ warn: false, pause: true });
    expect(budgetActions({ ...base, monthToDateUsd: 12, warnedMonth: '2026-11-01', pausedMonth: '2026-11-01' }, '2026-11-01')).toEqual({
      warn: false,
      pause: false,
    });
    expect(budgetActions({ ...base, monthToDateUsd: 12, warnedMonth: '2026-10-01', pausedMonth: '2026-10-01' }, '2026-11-01')).toEqual({
      warn: true,
      pause: true,
    });
    expect(budgetActions({ ...base, hardCap: false, monthToDateUsd: 12 }, '2026-11-01')).toEqual({ warn: true, pause: false });
  });
});
