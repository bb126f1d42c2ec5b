/**
 * Mergeable log-bucket histogram, the form hourly rollups keep for percentiles.
 *
 * A positive value v falls in bucket i = ceil(log_γ v), i.e. (γ^(i-1), γ^i]; negative values use
 * the mirrored buckets `n<i>`, and |v| < 1e-9 goes to the zero bucket `z`. A bucket is reported as
 * 2γ^i / (γ + 1), whose relative distance to any value of the bucket is at most (γ − 1)/(γ + 1).
 * With γ = 1.02 that is 0.990 %: a percentile read from the histogram is within 1 % of the exact
 * nearest-rank percentile of the same values. The SQL function `fw_hist_bucket` computes the
 * same keys inside PostgreSQL.
 */
export const HISTOGRAM_GAMMA = 1.02;
export const HISTOGRAM_RELATIVE_ERROR = (HISTOGRAM_GAMMA - 1) / (HISTOGRAM_GAMMA + 1);
const LN_GAMMA = Math.log(HISTOGRAM_GAMMA);
const ZERO_EPSILON = 1e-9;

/** Bucket key → number of values. */
export type Histogram = Record<string, number>;

export function bucketKey(value: number): string {
  if (Math.abs(value) < ZERO_EPSILON) return 'z';
  const index = Math.ceil(Math.log(Math.abs(value)) / LN_GAMMA);
  return value > 0 ? String(index) : `n${index}`;
}

/** The representative value of a bucket. */
export function bucketValue(key: string): number {
  if (key === 'z') return 0;
  const negative = key.startsWith('n');
  const index = Number(negative ? key.slice(1) : key);
  if (!Number.isInteger(index)) throw new Error(`not a histogram bucket: ${key}`);
  const magnitude = (2 * Math.pow(HISTOGRAM_GAMMA, index)) / (HISTOGRAM_GAMMA + 1);
  return negative ? -magnitude : magnitude;
}

export function histogramOf(values: Iterable<number>): Histogram {
  const histogram: Histogram = {};
  for (const value of values) {
    const key = bucketKey(value);
    histogram[key] = (histogram[key] ?? 0) + 1;
  }
  return histogram;
}

/** Sums counts per bucket; the inputs are left untouched. */
export function mergeHistograms(histograms: Iterable<Histogram | null | undefined>): Histogram {
  const merged: Histogram = {};
  for (const histogram of histograms) {
    if (!histogram) continue;
    for (const [key, count] of Object.entries(histogram)) merged[key] = (merged[key] ?? 0) + Number(count);
  }
  return merged;
}

export function histogramCount(histogram: Histogram): number {
  let total = 0;
  for (const count of Object.values(histogram)) total += Number(count);
  return total;
}

/**
 * The q-quantile (0 ≤ q ≤ 1) by nearest rank: the value of rank ceil(q·n) (at least 1) in
 * ascending order, read from its bucket. `bounds` (the exact min and max, which rollups keep)
 * make the lowest and highest ranks exact and clamp the rest. Empty histogram → null.
 */
export function percentileFromHistogram(histogram: Histogram, q: number, bounds?: { min: number; max: number }): number | null {
  if (!(q >= 0 && q <= 1)) throw new RangeError(`quantile must be within [0, 1], got ${q}`);
  const buckets = Object.entries(histogram)
    .map(([key, count]) => ({ value: bucketValue(key), count: Number(count) }))
    .filter((b) => b.count > 0)
    .sort((a, b) => a.value - b.value);
  const total = buckets.reduce((sum, b) => sum + b.count, 0);
  if (total === 0) return null;
  const rank = Math.max(1, Math.ceil(q * total));
  if (bounds && rank === 1) return bounds.min;
  if (bounds && rank === total) return bounds.max;
  let seen = 0;
  let answer = buckets[buckets.length - 1].value;
  for (const bucket of buckets) {
    seen += bucket.count;
    if (seen >= rank) {
      answer = bucket.value;
      break;
    }
  }
  if (bounds) answer = Math.min(bounds.max, Math.max(bounds.min, answer));
  return answer;
}
