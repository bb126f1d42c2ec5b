import { add, compare, decimal, multiply, roundTo, shiftLeft, sum, toDecimalString } from './exact-decimal';

describe('exact decimal', () => {
  const s = toDecimalString;
  it('parses strings, numbers by their shortest spelling, and exponents', () => {
    expect(s(decimal('3.750'))).toBe('3.75');
    expect(s(decimal(0.075))).toBe('0.075');
    expect(s(decimal(1e-7))).toBe('0.0000001');
    expect(s(decimal('2e3'))).toBe('2000');
    expect(() => decimal(Number.NaN)).toThrow(RangeError);
    expect(() => decimal('1,5')).toThrow(RangeError);
  });
  it('adds and multiplies without float drift', () => {
    expect(s(add(decimal(0.1), decimal(0.2)))).toBe('0.3');
    expect(s(multiply(decimal(3), decimal(0.075)))).toBe('0.225');
    expect(s(shiftLeft(multiply(decimal(7), decimal('0.003625')), 6))).toBe('0.000000025375');
    expect(s(sum([decimal('0.1'), decimal('0.2'), decimal('-0.3')]))).toBe('0');
  });
  it('rounds half away from zero for a numeric(20, 10) column', () => {
    expect(s(roundTo(decimal('0.000000025375'), 10))).toBe('0.0000000254');
    expect(s(roundTo(decimal('0.00000000004'), 10))).toBe('0');
    expect(s(roundTo(decimal('-1.25'), 1))).toBe('-1.3');
    expect(compare(decimal('1.10'), decimal('1.1'))).toBe(0);
  });
});
