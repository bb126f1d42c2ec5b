import { densify } from './bucket-plan';
import { isWholeHours, parseInterval } from './interval';
import { resolveMetric, zeroWhenEmpty } from './metric-catalog';

describe('chart intervals and buckets', () => {
  it('parses s/m/h/d intervals and nothing else', () => {
    expect(parseInterval('90s')).toBe(90_000);
    expect(parseInterval('5m')).toBe(300_000);
    expect(parseInterval('2h')).toBe(7_200_000);
    expect(parseInterval('1d')).toBe(86_400_000);
    for (const bad of ['0h', '1.5h', 'h', '1w', '-1m', '01m']) expect(parseInterval(bad)).toBeUndefined();
  });

  it('reads whole hours from rollups, everything else from raw rows', () => {
    expect(isWholeHours(parseInterval('60m')!)).toBe(true);
    expect(isWholeHours(parseInterval('1d')!)).toBe(true);
    expect(isWholeHours(parseInterval('90m')!)).toBe(false);
  });

  it('fills missing buckets with the aggregation’s empty value', () => {
    const plan = { metric: resolveMetric('cpu'), aggregation: 'avg' as const, startMs: 0, intervalMs: 1000, count: 4 };
    expect(
      densify(
        plan,
        [
          { i: 1, v: 2.5 },
          { i: 3, v: 1 },
          { i: 9, v: 7 },
        ],
        null,
      ),
    ).toEqual([null, 2.5, null, 1]);
    expect(densify(plan, [{ i: 0, v: 3 }], 0)).toEqual([3, 0, 0, 0]);
    expect(zeroWhenEmpty('count')).toBe(true);
    expect(zeroWhenEmpty('p95')).toBe(false);
  });

  it('treats unknown metric names as sample types and knows the derived ones', () => {
    expect(resolveMetric('queue_depth')).toMatchObject({ source: 'samples', defaultAggregation: 'avg' });
    expect(resolveMetric('cost_usd')).toMatchObject({ source: 'llm', aggregations: ['sum', 'avg'], defaultAggregation: 'sum' });
    expect(resolveMetric('tool_error_rate')).toMatchObject({ source: 'tool', aggregations: ['avg'] });
  });
});
