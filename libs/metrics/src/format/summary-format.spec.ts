import { formatChange, formatShare, formatUsd } from './summary-format';

describe('summary formatting', () => {
  it('formats money with thousands separators and two decimals', () => {
    expect(formatUsd(1234.5)).toBe('$1,234.50');
    expect(formatUsd(0)).toBe('$0.00');
    expect(formatUsd(1234567.891)).toBe('$1,234,567.89');
    expect(formatUsd(-5)).toBe('-$5.00');
  });

  it('formats month-over-month changes with a sign', () => {
    expect(formatChange(112, 100)).toBe('+12%');
    expect(formatChange(97, 100)).toBe('-3%');
    expect(formatChange(100, 100)).toBe('+0%');
    expect(formatChange(0, 0)).toBe('+0%');
    expect(formatChange(5, 0)).toBe('+100%');
    expect(formatChange(0, 40)).toBe('-100%');
  });

  it('formats shares without a sign', () => {
    expect(formatShare(2, 5)).toBe('40%');
    expect(formatShare(0, 0)).toBe('0%');
  });
});
