import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { groupHistograms, percentileOf } from '../shared/histogram-rows';
import { BucketPlan, bucketIndexSql, planWhereSql } from '../timeseries/bucket-plan';
import { Aggregation, ROLLUP_TABLE, RollupColumns } from '../timeseries/metric-catalog';

const QUANTILE: Partial<Record<Aggregation, number>> = { p50: 0.5, p95: 0.95, p99: 0.99 };

function aggregate(aggregation: Aggregation, columns: RollupColumns): string {
  switch (aggregation) {
    // Summed in the column's own type: bigint token counts sum as numeric, exactly (no float8 rounding).
    case 'avg':
      return `sum(${columns.sum}) / nullif(sum(count), 0)`;
    case 'sum':
      return `sum(${columns.sum})`;
    case 'count':
      return 'sum(count)';
    case 'min':
      return `min(${columns.min})`;
    case 'max':
      return `max(${columns.max})`;
    default:
      throw new Error(`${aggregation} is read from histograms`);
  }
}

/**
 * Chart buckets from the hourly rollups, for intervals of whole hours: every bucket is a union of
 * whole rollup hours, so sums, counts, minima and maxima are exact, averages are sum/count, and
 * percentiles come from the merged histograms (nearest rank, within the histogram's error bound).
 */
@Injectable()
export class RollupSeriesRepository {
  constructor(private readonly em: EntityManager) {}

  /** The statement's FROM and WHERE; the index() placeholders precede it, so their values go first. */
  private from(plan: BucketPlan, params: unknown[], join = ''): string {
    params.push(plan.startMs, plan.intervalMs);
    return `${ROLLUP_TABLE[plan.metric.source]}${join} where ${planWhereSql(plan, 'hour', params)}`;
  }

  private index(): string {
    return bucketIndexSql('hour');
  }

  async buckets(plan: BucketPlan): Promise<{ i: number; v: number | null }[]> {
    const q = QUANTILE[plan.aggregation];
    if (q !== undefined) return this.percentiles(plan, q);
    const params: unknown[] = [];
    const rows = await this.em
      .getConnection()
      .execute<{ i: number; v: number | string | null }[]>(
        `select ${this.index()} as i, ${aggregate(plan.aggregation, plan.metric.rollup)} as v from ${this.from(plan, params)} group by 1 order by 1`,
        params,
      );
    return rows.map((r) => ({ i: r.i, v: r.v === null ? null : Number(r.v) }));
  }

  private async percentiles(plan: BucketPlan, q: number): Promise<{ i: number; v: number | null }[]> {
    const { min, max, hist } = plan.metric.rollup;
    const boundsParams: unknown[] = [];
    const histParams: unknown[] = [];
    const [bounds, buckets] = await Promise.all([
      this.em
        .getConnection()
        .execute<{ i: number; lo: number; hi: number }[]>(
          `select ${this.index()} as i, min(${min}) as lo, max(${max}) as hi from ${this.from(plan, boundsParams)} group by 1 order by 1`,
          boundsParams,
        ),
      this.em.getConnection().execute<{ key: number; bucket: string; n: string }[]>(
        `select ${this.index()} as key, h.key as bucket, sum(h.value::bigint) as n
         from ${this.from(plan, histParams, `, jsonb_each_text(${hist}) h`)} group by 1, 2`,
        histParams,
      ),
    ]);
    const histograms = groupHistograms(buckets);
    return bounds.map((b) => ({ i: b.i, v: percentileOf({ buckets: histograms.get(b.i) ?? {}, min: Number(b.lo), max: Number(b.hi) }, q) }));
  }
}
