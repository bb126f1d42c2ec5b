import { Injectable } from '@nestjs/common';
import { AgentsService } from '@fleetwatch/agents';
import { Clock, Principal } from '@fleetwatch/common';
import { CostError } from '../errors/cost.error';
import { BudgetDto, PutBudgetDto } from '../dto/budget.dto';
import { budgetStatus, percentUsed } from '../budgets/budget-rules';
import { AgentBudgetRepository, BudgetSpend } from '../repositories/agent-budget.repository';

export function monthOf(now: Date): { start: Date; next: Date; key: string } {
  const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { start, next: new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)), key: start.toISOString().slice(0, 10) };
}

export function toBudgetDto({ budget, monthCost }: BudgetSpend, monthKey: string): BudgetDto {
  const figures = { monthlyUsd: Number(budget.monthlyUsd), softThresholdPct: Number(budget.softThresholdPct), monthToDateUsd: Number(monthCost) };
  return {
    agentId: budget.agentId,
    monthlyUsd: figures.monthlyUsd,
    softThresholdPct: figures.softThresholdPct,
    hardCap: budget.hardCap,
    monthToDateUsd: figures.monthToDateUsd,
    percentUsed: percentUsed(figures.monthToDateUsd, figures.monthlyUsd),
    status: budgetStatus(figures),
    warnedThisMonth: budget.warnedMonth === monthKey,
    pausedThisMonth: budget.pausedMonth === monthKey,
  };
}

@Injectable()
export class BudgetsService {
  constructor(
    private readonly repository: AgentBudgetRepository,
    private readonly agents: AgentsService,
    private readonly clock: Clock,
  ) {}

  async put(principal: Principal, agentId: string, dto: PutBudgetDto): Promise<BudgetDto> {
    await this.agents.getVisible(agentId, principal);
    const now = this.clock.now();
    await this.repository.put(agentId, dto.monthlyUsd, dto.softThresholdPct ?? 80, dto.hardCap ?? false, now);
    return this.get(principal, agentId);
  }

  async get(principal: Principal, agentId: string): Promise<BudgetDto> {
    await this.agents.getVisible(agentId, principal);
    const month = monthOf(this.clock.now());
    const row = await this.repository.one(agentId, month.start, month.next);
    if (!row) throw CostError.budgetNotFound(agentId);
    return toBudgetDto(row, month.key);
  }

  async remove(principal: Principal, agentId: string): Promise<void> {
    await this.agents.getVisible(agentId, principal);
    if ((await this.repository.removeOf(agentId)) === 0) throw CostError.budgetNotFound(agentId);
  }
}
