import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { BucketPlan, bucketIndexSql, planWhereSql } from '../timeseries/bucket-plan';
import { Aggregation, SOURCE_TABLE } from '../timeseries/metric-catalog';

function aggregate(aggregation: Aggregation, value: string): string {
  switch (aggregation) {
    // avg and sum in the value's own type: integer token counts then sum exactly, as numeric.
    case 'avg':
    case 'sum':
      return `${aggregation}(${value})`;
    case 'min':
    case 'max':
      return `${aggregation}((${value})::float8)`;
    case 'count':
      return 'count(*)';
    case 'p50':
      return `percentile_cont(0.5) within group (order by (${value})::float8)`;
    case 'p95':
      return `percentile_cont(0.95) within group (order by (${value})::float8)`;
    case 'p99':
      return `percentile_cont(0.99) within group (order by (${value})::float8)`;
  }
}

/** Chart buckets computed from raw telemetry rows (any interval; percentiles exact). */
@Injectable()
export class RawSeriesRepository {
  constructor(private readonly em: EntityManager) {}

  async buckets(plan: BucketPlan): Promise<{ i: number; v: number | null }[]> {
    const params: unknown[] = [plan.startMs, plan.intervalMs];
    const where = planWhereSql(plan, 'ts', params);
    const rows = await this.em.getConnection().execute<{ i: number; v: number | string | null }[]>(
      `select ${bucketIndexSql('ts')} as i, ${aggregate(plan.aggregation, plan.metric.value)} as v
       from ${SOURCE_TABLE[plan.metric.source]} where ${where}
       group by 1 order by 1`,
      params,
    );
    return rows.map((r) => ({ i: r.i, v: r.v === null ? null : Number(r.v) }));
  }
}
