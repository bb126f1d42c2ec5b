import { Injectable } from '@nestjs/common';
import { Clock, DAY_MS, Principal } from '@fleetwatch/common';
import { LlmAnalyticsQueryDto, LlmModelStatsResponseDto, LlmPercentilesDto } from '../dto/llm-analytics.dto';
import { LlmCallsRepository } from '../repositories/llm-calls.repository';
import { ownerScope } from '../shared/owner-scope';
import { numberOrNull, ratio, resolveRange } from '../shared/time-range';

function percentiles(values: (number | null)[] | null): LlmPercentilesDto {
  return { p50: numberOrNull(values?.[0] ?? null), p95: numberOrNull(values?.[1] ?? null), p99: numberOrNull(values?.[2] ?? null) };
}

@Injectable()
export class LlmAnalyticsService {
  constructor(
    private readonly raw: LlmCallsRepository,
    private readonly clock: Clock,
  ) {}

  async byModel(principal: Principal, query: LlmAnalyticsQueryDto): Promise<LlmModelStatsResponseDto[]> {
    const range = resolveRange(this.clock.now(), { start: query.start_date, end: query.end_date }, 7 * DAY_MS, { start: 'start_date', end: 'end_date' });
    const rows = await this.raw.byModel({ ...range, model: query.model, ownerId: ownerScope(principal, query.user_id) });
    return rows.map((r) => ({
      model: r.model,
      calls: r.calls,
      errors: r.errors,
      errorRate: ratio(r.errors, r.calls),
      latencyMs: percentiles(r.latency),
      timeToFirstTokenMs: { streamedCalls: r.streamed, ...percentiles(r.streamed > 0 ? r.ttft : null) },
      inputTokens: Number(r.input_tokens),
      outputTokens: Number(r.output_tokens),
      costUsd: Number(r.cost),
    }));
  }
}
