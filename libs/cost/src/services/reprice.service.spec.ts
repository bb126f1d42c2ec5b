import { fromUnits, toUnits } from './reprice.service';

describe('exact cost units', () => {
  it.each([
    ['0.0270000000', 270_000_000n],
    ['-0.0270000000', -270_000_000n],
    ['12.5', 125_000_000_000n],
    ['0', 0n],
    ['-0.0000000001', -1n],
  ])('%s → %s', (text, units) => expect(toUnits(text)).toBe(units));

  it('sums without binary drift and converts back', () => {
    const total = Array.from({ length: 3 }, () => toUnits('0.1000000000')).reduce((a, b) => a + b, 0n);
    expect(fromUnits(total)).toBe(0.3);
    expect(fromUnits(-1n)).toBe(-1e-10);
    expect(fromUnits(0n)).toBe(0);
  });
});
