import { Histogram, percentileFromHistogram } from '@fleetwatch/rollups';

/** One group's merged histogram as SQL returns it: (bucket key, count) pairs plus the exact bounds. */
export interface HistogramGroup {
  buckets: Histogram;
  min: number;
  max: number;
}

export function groupHistograms<K>(rows: { key: K; bucket: string; n: number | string }[]): Map<K, Histogram> {
  const groups = new Map<K, Histogram>();
  for (const row of rows) {
    const histogram = groups.get(row.key) ?? {};
    histogram[row.bucket] = (histogram[row.bucket] ?? 0) + Number(row.n);
    groups.set(row.key, histogram);
  }
  return groups;
}

export function percentileOf(group: HistogramGroup | undefined, q: number): number | null {
  if (!group) return null;
  return percentileFromHistogram(group.buckets, q, { min: group.min, max: group.max });
}
