import { MetricDefinition, Aggregation } from './metric-catalog';

/** The buckets a chart asks for: [start, start + count × interval), aligned to multiples of interval since the epoch. */
export interface BucketPlan {
  metric: MetricDefinition;
  aggregation: Aggregation;
  /** Agents to include; undefined with ownerId undefined means every agent. */
  agentId?: string;
  ownerId?: string;
  startMs: number;
  intervalMs: number;
  count: number;
}

export function planEnd(plan: BucketPlan): number {
  return plan.startMs + plan.count * plan.intervalMs;
}

/** One value per bucket index, from sparse (index, value) rows. */
export function densify(plan: BucketPlan, rows: { i: number; v: number | null }[], emptyValue: number | null): (number | null)[] {
  const values: (number | null)[] = new Array(plan.count).fill(emptyValue);
  for (const r of rows) if (r.i >= 0 && r.i < plan.count) values[r.i] = r.v === null ? emptyValue : Number(r.v);
  return values;
}
