import { bucketRange } from './bucket-range';

describe('bucketRange', () => {
  it('aligns to multiples of the interval since the epoch and covers the whole range', () => {
    const range = bucketRange(Date.parse('2024-04-01T00:10:00Z'), Date.parse('2024-04-01T02:30:00Z'), 60);
    expect(new Date(range.start).toISOString()).toBe('2024-04-01T00:00:00.000Z');
    expect(new Date(range.end).toISOString()).toBe('2024-04-01T03:00:00.000Z');
    expect(range.count).toBe(3);
  });

  it('keeps an aligned range as it is and aligns odd widths to the epoch, not the hour', () => {
    expect(bucketRange(Date.parse('2024-04-01T00:00:00Z'), Date.parse('2024-04-01T03:00:00Z'), 60).count).toBe(3);
    const seven = bucketRange(Date.parse('2024-04-01T00:00:00Z'), Date.parse('2024-04-01T01:00:00Z'), 7);
    expect(seven.start % (7 * 60_000)).toBe(0);
    expect(seven.start).toBeLessThanOrEqual(Date.parse('2024-04-01T00:00:00Z'));
  });
});
