import { Injectable } from '@nestjs/common';
import { AgentsService } from '@fleetwatch/agents';
import { Clock, DAY_MS, HOUR_MS, Principal } from '@fleetwatch/common';
import { MetricsError } from '../errors/metrics.error';
import { floorHour, round } from '../format/numbers';
import { AgentMetricRecordDto, AgentMetricsQueryDto, AgentMetricsSummaryDto } from '../dto/agent-metrics.dto';
import { AgentMetricsRepository } from '../repositories/agent-metrics.repository';

@Injectable()
export class AgentMetricsService {
  constructor(
    private readonly agents: AgentsService,
    private readonly repository: AgentMetricsRepository,
    private readonly clock: Clock,
  ) {}

  async records(principal: Principal, agentId: string, q: AgentMetricsQueryDto): Promise<AgentMetricRecordDto[]> {
    const agent = await this.agents.getVisible(agentId, principal);
    const now = this.clock.now();
    const until = q.until ? new Date(q.until) : now;
    const since = q.since ? new Date(q.since) : new Date(until.getTime() - DAY_MS);
    if (since.getTime() > until.getTime()) throw MetricsError.invalidRange('since must not be after until');
    const rows = await this.repository.records(agent.id, q.type, since, until, q.limit ?? 1000);
    return rows.map((r) => ({
      id: r.id,
      agent_id: agent.id,
      metric_type: r.metric_type,
      value: Number(r.value),
      metadata: r.metadata ?? {},
      recorded_at: new Date(r.ts).toISOString(),
    }));
  }

  async summary(principal: Principal, agentId: string): Promise<AgentMetricsSummaryDto> {
    const agent = await this.agents.getVisible(agentId, principal);
    const cutoff = new Date(floorHour(this.clock.now()).getTime() - HOUR_MS);
    const [totals, lastActive] = await Promise.all([this.repository.llmTotals(agent.id, cutoff), this.repository.lastActive(agent.id)]);
    return {
      total_tokens: totals.tokens,
      total_requests: totals.requests,
      avg_response_ms: totals.requests > 0 ? round(totals.latencySum / totals.requests) : 0,
      last_active_at: lastActive ? lastActive.toISOString() : null,
    };
  }
}
