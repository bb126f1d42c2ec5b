import { CostError } from '../errors/cost.error';
import { resolveCostPeriod } from './cost-period';

const now = new Date('2026-03-15T10:00:00.000Z');

describe('resolveCostPeriod', () => {
  it('defaults to the 30 days before now', () => {
    expect(resolveCostPeriod({}, now)).toEqual({ start: new Date('2026-02-13T10:00:00.000Z'), end: now, endExclusive: new Date('2026-03-15T10:00:00.001Z') });
    expect(resolveCostPeriod({ period_days: 1 }, now).start).toEqual(new Date('2026-03-14T10:00:00.000Z'));
  });

  it('turns bare dates into whole UTC days', () => {
    expect(resolveCostPeriod({ period_start: '2025-03-01', period_end: '2025-03-31' }, now)).toEqual({
      start: new Date('2025-03-01T00:00:00.000Z'),
      end: new Date('2025-03-31T23:59:59.000Z'),
      endExclusive: new Date('2025-04-01T00:00:00.000Z'),
    });
  });

  it('rejects half or mixed windows and reversed ones, naming the field', () => {
    expect(() => resolveCostPeriod({ period_start: '2025-03-01' }, now)).toThrow(/period_end is required/);
    expect(() => resolveCostPeriod({ period_end: '2025-03-01' }, now)).toThrow(/period_start is required/);
    expect(() => resolveCostPeriod({ period_days: 3, period_start: '2025-03-01', period_end: '2025-03-02' }, now)).toThrow(CostError);
    expect(() => resolveCostPeriod({ period_start: '2025-03-02', period_end: '2025-03-01' }, now)).toThrow(/period_end must not be before period_start/);
  });
});
