import { bucketKey, bucketValue, HISTOGRAM_RELATIVE_ERROR, histogramCount, histogramOf, mergeHistograms, percentileFromHistogram } from './log-histogram';

function exactNearestRank(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(1, Math.ceil(q * sorted.length)) - 1];
}

describe('log histogram', () => {
  it('keeps every bucket representative within the stated relative error of its values', () => {
    for (const value of [0.001, 0.5, 1, 1.0199, 1.02, 7, 250.5, 1e6, -3, -0.25]) {
      const rep = bucketValue(bucketKey(value));
      expect(Math.abs(rep - value) / Math.abs(value)).toBeLessThanOrEqual(HISTOGRAM_RELATIVE_ERROR + 1e-12);
    }
    expect(HISTOGRAM_RELATIVE_ERROR).toBeLessThan(0.01);
  });

  it('puts zero in its own bucket and orders negative values below it', () => {
    const histogram = histogramOf([-10, 0, 10]);
    expect(histogram).toEqual({ z: 1, [bucketKey(10)]: 1, [bucketKey(-10)]: 1 });
    expect(bucketKey(-10).startsWith('n')).toBe(true);
    expect(percentileFromHistogram(histogram, 0)).toBeCloseTo(bucketValue(bucketKey(-10)));
    expect(percentileFromHistogram(histogram, 0.5)).toBe(0);
  });

  it('merges by summing counts per bucket', () => {
    const a = histogramOf([1, 2, 3]);
    const b = histogramOf([3, 4]);
    const merged = mergeHistograms([a, b, null]);
    expect(histogramCount(merged)).toBe(5);
    expect(merged[bucketKey(3)]).toBe(2);
    expect(merged).toEqual(histogramOf([1, 2, 3, 3, 4]));
  });

  it('answers percentiles within 1 % of the exact nearest-rank value', () => {
    let seed = 42;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    const values = Array.from({ length: 5000 }, () => Math.exp(random() * 10));
    const histogram = histogramOf(values);
    for (const q of [0.01, 0.5, 0.9, 0.95, 0.99, 1]) {
      const exact = exactNearestRank(values, q);
      const estimate = percentileFromHistogram(histogram, q)!;
      expect(Math.abs(estimate - exact) / exact).toBeLessThanOrEqual(0.01);
    }
  });

  it('clamps to the exact bounds and answers null when empty', () => {
    const histogram = histogramOf([100, 200]);
    expect(percentileFromHistogram(histogram, 1, { min: 100, max: 200 })).toBe(200);
    expect(percentileFromHistogram(histogram, 0, { min: 100, max: 200 })).toBe(100);
    expect(percentileFromHistogram({}, 0.5)).toBeNull();
    expect(() => percentileFromHistogram(histogram, 1.5)).toThrow(RangeError);
  });
});
