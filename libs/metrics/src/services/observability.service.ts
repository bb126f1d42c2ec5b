import { Injectable } from '@nestjs/common';
import { AgentRepository } from '@fleetwatch/agents';
import { Clock, DAY_MS, Principal } from '@fleetwatch/common';
import { MetricsError, MetricsErrorCode } from '../errors/metrics.error';
import { AccountAccessService } from './account-access.service';
import { round } from '../format/numbers';
import { bucketRange, MAX_BUCKETS } from '../windows/bucket-range';
import { ObservabilityMetricsDto, ObservabilityQueryDto } from '../dto/observability.dto';
import { ObservabilityRepository } from '../repositories/observability.repository';

@Injectable()
export class ObservabilityService {
  constructor(
    private readonly access: AccountAccessService,
    private readonly agents: AgentRepository,
    private readonly repository: ObservabilityRepository,
    private readonly clock: Clock,
  ) {}

  async metrics(principal: Principal, account: string, name: string, q: ObservabilityQueryDto): Promise<ObservabilityMetricsDto> {
    const interval = q.interval ?? 60;
    const end = q.end_time ? Date.parse(q.end_time) : this.clock.now().getTime();
    const start = q.start_time ? Date.parse(q.start_time) : end - DAY_MS;
    if (start >= end) throw MetricsError.invalidRange('start_time must be before end_time');
    const range = bucketRange(start, end, interval);
    if (range.count > MAX_BUCKETS) {
      throw new MetricsError(
        MetricsErrorCode.TooManyBuckets,
        `the range holds ${range.count} buckets of ${interval} minutes; at most ${MAX_BUCKETS}: widen interval or shorten the range`,
      );
    }
    const owner = await this.access.byUsername(principal, account);
    const agent = await this.agents.findByOwnerAndName(owner.id, name);
    if (!agent) throw new MetricsError(MetricsErrorCode.AgentNotFound, `agent ${account}/${name} not found`);
    const rows = await this.repository.buckets(agent.id, new Date(range.start), new Date(range.end), range.widthMs / 1000);
    const byKey = new Map(rows.map((r) => [r.k * range.widthMs, r]));
    const buckets = Array.from({ length: range.count }, (_, i) => {
      const at = range.start + i * range.widthMs;
      const row = byKey.get(at);
      return {
        timestamp: new Date(at).toISOString(),
        trace_count: row?.traces ?? 0,
        avg_latency_ms: round(row?.latency ?? 0),
        input_tokens: row?.input ?? 0,
        output_tokens: row?.output ?? 0,
        error_count: row?.errors ?? 0,
      };
    });
    return { buckets, time_range: { start: new Date(range.start).toISOString(), end: new Date(range.end).toISOString() }, interval_minutes: interval };
  }
}
