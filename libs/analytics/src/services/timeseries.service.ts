import { Injectable } from '@nestjs/common';
import { AgentsService } from '@fleetwatch/agents';
import { Clock, DAY_MS, Principal } from '@fleetwatch/common';
import { AnalyticsError, AnalyticsErrorCode } from '../errors/analytics.error';
import { ownerScope } from '../shared/owner-scope';
import { resolveRange } from '../shared/time-range';
import { BucketPlan, densify } from '../timeseries/bucket-plan';
import { isWholeHours, parseInterval } from '../timeseries/interval';
import { resolveMetric, zeroWhenEmpty } from '../timeseries/metric-catalog';
import { RawSeriesRepository } from '../repositories/raw-series.repository';
import { RollupSeriesRepository } from '../repositories/rollup-series.repository';
import { SeriesSource, TimeseriesQueryDto, TimeseriesResponseDto } from '../dto/timeseries.dto';

export const MAX_POINTS = 10_000;

@Injectable()
export class TimeseriesService {
  constructor(
    private readonly raw: RawSeriesRepository,
    private readonly rollups: RollupSeriesRepository,
    private readonly agents: AgentsService,
    private readonly clock: Clock,
  ) {}

  async series(principal: Principal, query: TimeseriesQueryDto): Promise<TimeseriesResponseDto> {
    const plan = await this.plan(principal, query);
    const fromRollups = this.fromRollups(query.source ?? 'auto', plan.intervalMs);
    const rows = fromRollups ? await this.rollups.buckets(plan) : await this.raw.buckets(plan);
    const values = densify(plan, rows, zeroWhenEmpty(plan.aggregation) ? 0 : null);
    return {
      metric: plan.metric.name,
      aggregation: plan.aggregation,
      agentId: plan.agentId ?? null,
      intervalSeconds: plan.intervalMs / 1000,
      start: new Date(plan.startMs).toISOString(),
      end: new Date(plan.startMs + plan.count * plan.intervalMs).toISOString(),
      source: fromRollups ? 'rollup' : 'raw',
      points: values.map((value, i) => ({ ts: new Date(plan.startMs + i * plan.intervalMs).toISOString(), value })),
    };
  }

  private fromRollups(source: SeriesSource, intervalMs: number): boolean {
    if (source === 'rollup' && !isWholeHours(intervalMs)) {
      throw new AnalyticsError(AnalyticsErrorCode.UnsupportedSource, 'source=rollup needs an interval of whole hours');
    }
    return source === 'rollup' || (source === 'auto' && isWholeHours(intervalMs));
  }

  private async plan(principal: Principal, query: TimeseriesQueryDto): Promise<BucketPlan> {
    const metric = resolveMetric(query.metric);
    const aggregation = query.aggregation ?? metric.defaultAggregation;
    if (!metric.aggregations.includes(aggregation)) {
      throw new AnalyticsError(AnalyticsErrorCode.UnsupportedAggregation, `aggregation must be one of ${metric.aggregations.join(', ')} for ${metric.name}`);
    }
    const intervalMs = parseInterval(query.interval ?? '1h') as number;
    const range = resolveRange(this.clock.now(), query, DAY_MS, { start: 'start', end: 'end' });
    const startMs = Math.floor(range.start.getTime() / intervalMs) * intervalMs;
    const count = Math.ceil((range.end.getTime() - startMs) / intervalMs);
    if (count > MAX_POINTS) {
      throw new AnalyticsError(AnalyticsErrorCode.TooManyPoints, `interval gives ${count} points; at most ${MAX_POINTS} (widen interval or narrow start/end)`);
    }
    if (query.agentId !== undefined) await this.agents.getVisible(query.agentId, principal);
    return { metric, aggregation, agentId: query.agentId, ownerId: ownerScope(principal), startMs, intervalMs, count };
  }
}
