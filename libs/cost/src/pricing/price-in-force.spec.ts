import { calcPrice } from '@pydantic/genai-prices';
import { loadCatalogue } from './catalogue.source';
import { priceInForce, utcSecondsOfDay } from './price-in-force';
import { usageCost } from './usage-cost';

const v = (effectiveFrom: string, label: string, timeOfDay: { start: string; end: string } | null = null) => ({ effectiveFrom, timeOfDay, label });

describe('priceInForce', () => {
  const versions = [v('1970-01-01T00:00:00.000Z', 'base'), v('2025-03-01T00:00:00.000Z', 'march'), v('2025-03-15T12:00:00.000Z', 'mid-march')];

  it('takes the latest version starting at or before the call', () => {
    expect(priceInForce(versions, new Date('2025-02-28T23:59:59.999Z'))?.label).toBe('base');
    expect(priceInForce(versions, new Date('2025-03-01T00:00:00.000Z'))?.label).toBe('march');
    expect(priceInForce(versions, new Date('2025-03-15T11:59:59.999Z'))?.label).toBe('march');
    expect(priceInForce(versions, new Date('2025-03-15T12:00:00.000Z'))?.label).toBe('mid-march');
  });

  it('is null when every version starts after the call', () => {
    expect(priceInForce([v('2025-03-01T00:00:00.000Z', 'march')], new Date('2025-01-01T00:00:00Z'))).toBeNull();
  });

  it('an open time-of-day window wins, including one that runs over midnight', () => {
    const withWindow = [...versions, v('1970-01-01T00:00:00.000Z', 'night', { start: '22:00:00Z', end: '02:00:00Z' })];
    expect(priceInForce(withWindow, new Date('2025-04-01T23:00:00Z'))?.label).toBe('night');
    expect(priceInForce(withWindow, new Date('2025-04-01T01:59:59Z'))?.label).toBe('night');
    expect(priceInForce(withWindow, new Date('2025-04-01T02:00:00Z'))?.label).toBe('mid-march');
  });

  it('reads times of day with offsets as UTC', () => {
    expect(utcSecondsOfDay('00:30:00Z')).toBe(1_800);
    expect(utcSecondsOfDay('08:30:00+08:00')).toBe(1_800);
    expect(utcSecondsOfDay('23:00:00-02:00')).toBe(3_600);
    expect(() => utcSecondsOfDay('25:00:00Z')).toThrow(RangeError);
  });

  it('DeepSeek peak and off-peak prices, per the package', async () => {
    const catalogue = await loadCatalogue();
    const rows = catalogue.prices.filter((r) => r.provider === 'deepseek' && r.model === 'deepseek-chat');
    const usage = { input: 10_000, output: 1_000, cacheRead: 4_000 };
    for (const at of ['2025-10-01T10:00:00Z', '2025-10-01T20:00:00Z']) {
      const row = priceInForce(rows, new Date(at))!;
      const oracle = calcPrice({ input_tokens: 10_000, output_tokens: 1_000, cache_read_tokens: 4_000 }, 'deepseek-chat', { timestamp: new Date(at) })!;
      expect(Number(usageCost(usage, row).cost)).toBeCloseTo(oracle.total_price, 15);
    }
    const peak = priceInForce(rows, new Date('2025-10-01T10:00:00Z'))!;
    const offPeak = priceInForce(rows, new Date('2025-10-01T20:00:00Z'))!;
    expect([peak.rates.input, offPeak.rates.input]).toEqual(['0.27', '0.135']);
  });
});
