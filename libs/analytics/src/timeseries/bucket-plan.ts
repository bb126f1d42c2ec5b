import { agentScopeSql } from '../repositories/agent-scope.sql';
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

/** A row's bucket index from `timeColumn`; its placeholders take startMs and intervalMs. */
export function bucketIndexSql(timeColumn: string): string {
  return `floor((extract(epoch from ${timeColumn}) * 1000 - ?) / ?)::int`;
}

/**
 * The plan's rows, raw or rolled up alike: its window on `timeColumn`, the sample type when the metric is a
 * sample, then its agent or its owner's agents. A condition with `?` placeholders whose values go onto params.
 */
export function planWhereSql(plan: BucketPlan, timeColumn: string, params: unknown[]): string {
  params.push(new Date(plan.startMs), new Date(planEnd(plan)));
  let where = `${timeColumn} >= ? and ${timeColumn} < ?`;
  if (plan.metric.source === 'samples') {
    where += ' and type = ?';
    params.push(plan.metric.name);
  }
  if (plan.agentId !== undefined) {
    where += ' and agent_id = ?';
    params.push(plan.agentId);
  } else {
    where += agentScopeSql('agent_id', plan.ownerId, params);
  }
  return where;
}

/** One value per bucket index, from sparse (index, value) rows. */
export function densify(plan: BucketPlan, rows: { i: number; v: number | null }[], emptyValue: number | null): (number | null)[] {
  const values = new Array<number | null>(plan.count).fill(emptyValue);
  for (const r of rows) if (r.i >= 0 && r.i < plan.count) values[r.i] = r.v === null ? emptyValue : Number(r.v);
  return values;
}
