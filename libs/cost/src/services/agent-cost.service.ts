import { Injectable } from '@nestjs/common';
import { AgentsService } from '@fleetwatch/agents';
import { Clock, Principal } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { roundCost } from '../prices/price-resolution';
import { AgentCostDto, AgentCostModelDto, AgentCostQueryDto } from '../dto/agent-cost.dto';
import { AgentCostRepository } from '../repositories/agent-cost.repository';
import { resolveCostPeriod } from '../periods/cost-period';

@Injectable()
export class AgentCostService {
  constructor(
    private readonly repository: AgentCostRepository,
    private readonly agents: AgentsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async cost(principal: Principal, agentId: string, query: AgentCostQueryDto): Promise<AgentCostDto> {
    const period = resolveCostPeriod(query, this.clock.now());
    await this.agents.getVisible(agentId, principal);
    const rows = await this.repository.byModel(agentId, period.start, period.endExclusive);
    const models: AgentCostModelDto[] = rows.map((r) => ({
      model: r.model,
      provider: r.provider,
      input_tokens: Number(r.input_tokens),
      output_tokens: Number(r.output_tokens),
      total_tokens: Number(r.input_tokens) + Number(r.output_tokens),
      rate_source: r.rate_source,
      token_cost: Number(r.cost),
    }));
    const input = models.reduce((s, m) => s + m.input_tokens, 0);
    const output = models.reduce((s, m) => s + m.output_tokens, 0);
    const cost = roundCost(models.reduce((s, m) => s + m.token_cost, 0));
    return {
      token_cost: cost,
      total_cost: cost,
      input_tokens: input,
      output_tokens: output,
      total_tokens: input + output,
      cost_details: { tokens: { fallback_per_1k: this.config.telemetry.costFallbackPer1k, models } },
      periodStart: period.start.toISOString(),
      periodEnd: period.end.toISOString(),
    };
  }
}
