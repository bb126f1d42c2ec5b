import { Injectable } from '@nestjs/common';
import { AgentsService } from '@fleetwatch/agents';
import { Clock, Principal } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { roundCost } from '../prices/price-resolution';
import { AgentCostDto, AgentCostModelDto, AgentCostQueryDto, CostsByTypeDto, UnpricedDto } from '../dto/agent-cost.dto';
import { AgentCostRepository, COST_TYPE_KEYS, CostTypeName, ModelCostRow } from '../repositories/agent-cost.repository';
import { TOKEN_TYPE_COLUMNS, TokenTypeColumn } from '../repositories/usage-columns.sql';
import { resolveCostPeriod } from '../periods/cost-period';

/** Null unless every call of the row has its split: a partial split would not add up to token_cost. */
function costsByType(r: ModelCostRow): CostsByTypeDto | null {
  if (Number(r.calls_without_lines) > 0) return null;
  return Object.fromEntries((Object.keys(COST_TYPE_KEYS) as CostTypeName[]).map((n) => [n, Number(r[`cost_${n}`] ?? 0)])) as Record<CostTypeName, number>;
}

function modelRow(r: ModelCostRow): AgentCostModelDto {
  const types = Object.fromEntries(TOKEN_TYPE_COLUMNS.map((c) => [c, Number(r[c])])) as Record<TokenTypeColumn, number>;
  return {
    model: r.model,
    provider: r.provider,
    input_tokens: Number(r.input_tokens),
    output_tokens: Number(r.output_tokens),
    total_tokens: Number(r.input_tokens) + Number(r.output_tokens),
    calls: Number(r.calls),
    ...types,
    rate_source: r.rate_source,
    price_source: r.price_source,
    price_version: r.price_version,
    token_cost: Number(r.cost),
    costs_by_type: costsByType(r),
  };
}

/** The fallback-priced rows, per model: a fallback cost is an estimate, not a price. */
function unpriced(models: readonly AgentCostModelDto[]): UnpricedDto {
  const fallback = models.filter((m) => m.rate_source === 'fallback');
  const perModel = new Map<string, { model: string; calls: number; tokens: number }>();
  for (const m of fallback) {
    const entry = perModel.get(m.model) ?? { model: m.model, calls: 0, tokens: 0 };
    entry.calls += m.calls;
    entry.tokens += m.total_tokens;
    perModel.set(m.model, entry);
  }
  return {
    calls: fallback.reduce((s, m) => s + m.calls, 0),
    input_tokens: fallback.reduce((s, m) => s + m.input_tokens, 0),
    output_tokens: fallback.reduce((s, m) => s + m.output_tokens, 0),
    models: [...perModel.values()].sort((a, b) => b.tokens - a.tokens || a.model.localeCompare(b.model)),
  };
}

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
    const models = (await this.repository.byModel(agentId, period.start, period.endExclusive)).map(modelRow);
    const input = models.reduce((s, m) => s + m.input_tokens, 0);
    const output = models.reduce((s, m) => s + m.output_tokens, 0);
    const cost = roundCost(models.reduce((s, m) => s + m.token_cost, 0));
    return {
      token_cost: cost,
      total_cost: cost,
      input_tokens: input,
      output_tokens: output,
      total_tokens: input + output,
      cost_details: { tokens: { fallback_per_1k: this.config.telemetry.costFallbackPer1k, models, unpriced: unpriced(models) } },
      periodStart: period.start.toISOString(),
      periodEnd: period.end.toISOString(),
    };
  }
}
