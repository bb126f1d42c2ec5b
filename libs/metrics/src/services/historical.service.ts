import { Injectable } from '@nestjs/common';
import { Clock, DAY_MS, HOUR_MS, Principal } from '@fleetwatch/common';
import { AccountAccessService } from './account-access.service';
import { floorHour, round } from '../format/numbers';
import { HistoricalPointDto, HistoricalRange, HistoricalResponseDto, UserPerformanceDto } from '../dto/user-metrics.dto';
import { HISTORICAL_TYPES, OwnerHourRow, UserMetricsRepository } from '../repositories/user-metrics.repository';

const RANGE_HOURS: Record<HistoricalRange, number> = { '24h': 24, '7d': 168, '30d': 720 };

function toPoints(rows: OwnerHourRow[]): HistoricalPointDto[] {
  return rows.map((r) => ({
    timestamp: r.hour.toISOString(),
    cpu: round(r.cpu ?? 0),
    memory: round(r.memory ?? 0),
    messages: round(r.messages),
    errors: round(r.errors),
  }));
}

function averages(points: HistoricalPointDto[]): HistoricalResponseDto['averages'] {
  const avg = (pick: (p: HistoricalPointDto) => number): number => (points.length ? round(points.reduce((s, p) => s + pick(p), 0) / points.length) : 0);
  return { cpu: avg((p) => p.cpu), memory: avg((p) => p.memory), messages: avg((p) => p.messages), errors: avg((p) => p.errors) };
}

@Injectable()
export class HistoricalService {
  constructor(
    private readonly access: AccountAccessService,
    private readonly repository: UserMetricsRepository,
    private readonly clock: Clock,
  ) {}

  async historical(principal: Principal, userId: string, range: HistoricalRange = '24h'): Promise<HistoricalResponseDto> {
    const ownerId = await this.access.byUserId(principal, userId);
    const now = this.clock.now();
    const currentHour = floorHour(now);
    const from = new Date(currentHour.getTime() - (RANGE_HOURS[range] - 1) * HOUR_MS);
    let points = toPoints(await this.repository.ownerHours(ownerId, from, currentHour));
    if (points.length === 0) points = await this.latestPoint(ownerId, now);
    return { userId: ownerId, timeRange: range, metrics: points, averages: averages(points) };
  }

  async performance(principal: Principal, userId: string): Promise<UserPerformanceDto> {
    const ownerId = await this.access.byUserId(principal, userId);
    const now = this.clock.now();
    const [latest, calls] = await Promise.all([
      this.repository.latestPerAgent(ownerId, ['cpu', 'memory'], now, new Date(now.getTime() - DAY_MS)),
      this.repository.callStats(ownerId, new Date(now.getTime() - HOUR_MS), now),
    ]);
    const mean = (type: string): number => {
      const values = latest.filter((l) => l.type === type).map((l) => l.value);
      return values.length ? round(values.reduce((a, b) => a + b, 0) / values.length) : 0;
    };
    return {
      cpu: mean('cpu'),
      memory: mean('memory'),
      errorRate: calls.calls > 0 ? round((calls.errors / calls.calls) * 100) : 0,
      responseTime: round(calls.latencyAvg),
    };
  }

  /** No rollup in range: one point from each agent's latest samples (cpu/memory averaged, counts summed). */
  private async latestPoint(ownerId: string, now: Date): Promise<HistoricalPointDto[]> {
    const latest = await this.repository.latestPerAgent(ownerId, HISTORICAL_TYPES, now);
    if (latest.length === 0) return [];
    const of = (type: string): number[] => latest.filter((l) => l.type === type).map((l) => l.value);
    const mean = (values: number[]): number => (values.length ? values.reduce((a, b) => a + b, 0) / values.length : 0);
    const sum = (values: number[]): number => values.reduce((a, b) => a + b, 0);
    const newest = Math.max(...latest.map((l) => l.ts.getTime()));
    return [
      {
        timestamp: new Date(newest).toISOString(),
        cpu: round(mean(of('cpu'))),
        memory: round(mean(of('memory'))),
        messages: round(sum(of('messages'))),
        errors: round(sum(of('errors'))),
      },
    ];
  }
}
