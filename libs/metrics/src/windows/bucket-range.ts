export const MAX_BUCKETS = 10_000;

export interface BucketRange {
  /** First bucket start, a multiple of the width since the epoch. */
  start: number;
  /** End of the last bucket (exclusive). */
  end: number;
  widthMs: number;
  count: number;
}

/** The contiguous, epoch-aligned buckets covering [start, end). */
export function bucketRange(startMs: number, endMs: number, intervalMinutes: number): BucketRange {
  const widthMs = intervalMinutes * 60_000;
  const start = Math.floor(startMs / widthMs) * widthMs;
  const end = Math.ceil(endMs / widthMs) * widthMs;
  return { start, end, widthMs, count: Math.round((end - start) / widthMs) };
}
