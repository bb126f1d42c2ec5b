import { Injectable } from '@nestjs/common';
import { Clock, DAY_MS, HOUR_MS, Principal } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { AgentBudgetRepository } from '../repositories/agent-budget.repository';
import { monthOf, toBudgetDto } from './budgets.service';
import { percentUsed } from '../budgets/budget-rules';
import { roundCost } from '../prices/price-resolution';
import {
  BudgetProgressDto,
  UsageAggregateDto,
  UsageAggregateQueryDto,
  UsageCostsDto,
  UsageCostsQueryDto,
  UsageRequestDto,
  UsageRequestsPageDto,
  UsageRequestsQueryDto,
} from '../dto/usage.dto';
import { projectMonth, usageRange } from '../periods/usage-period';
import { CallRow, TotalsRow, UsageRepository } from '../repositories/usage.repository';
import { addSums, tokenTypesOf, unpricedOf } from './usage-tokens';

const STATUS_RANK = { ok: 0, warning: 1, exceeded: 2 } as const;

export function toUsageRequest(r: CallRow): UsageRequestDto {
  return {
    id: r.id,
    timestamp: new Date(r.ts).toISOString(),
    agentId: r.agent_id,
    agentName: r.agent_name,
    model: r.model,
    responseModel: r.response_model,
    provider: r.provider,
    inputTokens: Number(r.input_tokens),
    outputTokens: Number(r.output_tokens),
    ...tokenTypesOf(r),
    latencyMs: Number(r.latency_ms),
    status: r.status,
    errorType: r.error_type,
    costUsd: Number(r.cost_usd),
    rateSource: r.rate_source,
    priceSource: r.price_source,
    priceVersion: r.price_version,
    traceId: r.trace_id,
  };
}

/** Usage over the caller's agents (admins: every agent), from the cost stored on each LLM call. */
@Injectable()
export class UsageService {
  constructor(
    private readonly repository: UsageRepository,
    private readonly budgets: AgentBudgetRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * Totals of a period. Raw calls are kept RAW_RETENTION_DAYS (whole days are dropped), so a period
   * starting before that day (all_time, or a month under a short retention) takes the hours before
   * it from the hourly rollups, which outlive the raw rows, and the rest from raw calls.
   */
  private async periodTotals(principal: Principal, start: Date | null, end: Date, now: Date): Promise<TotalsRow> {
    const cutoff = new Date(Math.floor((now.getTime() - this.config.telemetry.rawRetentionDays * DAY_MS) / DAY_MS) * DAY_MS);
    const hourAligned = start === null || start.getTime() % HOUR_MS === 0;
    if (!hourAligned || (start !== null && start >= cutoff)) return this.repository.totals(principal, start, end);
    const [old, recent] = await Promise.all([this.repository.totalsFromRollups(principal, start, cutoff), this.repository.totals(principal, cutoff, end)]);
    const add = (k: keyof TotalsRow) => String(Number(old[k]) + Number(recent[k]));
    return {
      ...addSums(old, recent),
      requests: add('requests'),
      successful: add('successful'),
      failed: add('failed'),
      input_tokens: add('input_tokens'),
      output_tokens: add('output_tokens'),
      // Decimal strings from PostgreSQL: summed as numbers, then rounded like every stored cost.
      cost: String(roundCost(Number(old.cost) + Number(recent.cost))),
    };
  }

  async aggregate(principal: Principal, query: UsageAggregateQueryDto): Promise<UsageAggregateDto> {
    const period = query.period ?? 'current';
    const now = this.clock.now();
    const range = usageRange(period, now);
    const [totals, budget] = await Promise.all([this.periodTotals(principal, range.start, range.end, now), this.budgetProgress(principal, now)]);
    const input = Number(totals.input_tokens);
    const output = Number(totals.output_tokens);
    return {
      period,
      periodStart: range.start?.toISOString() ?? null,
      periodEnd: range.end.toISOString(),
      requests: Number(totals.requests),
      successfulRequests: Number(totals.successful),
      failedRequests: Number(totals.failed),
      inputTokens: input,
      outputTokens: output,
      totalTokens: input + output,
      ...tokenTypesOf(totals),
      costUsd: Number(totals.cost),
      unpriced: unpricedOf(totals),
      budget,
    };
  }

  async costs(principal: Principal, query: UsageCostsQueryDto): Promise<UsageCostsDto> {
    const period = query.period ?? 'current';
    const now = this.clock.now();
    const range = usageRange(period, now);
    const start = range.start ?? now;
    const month = monthOf(now);
    const [byModel, byAgent, byDay, monthTotals] = await Promise.all([
      this.repository.byModel(principal, start, now),
      this.repository.byAgent(principal, start, now),
      this.repository.byDay(principal, start, now),
      this.repository.totals(principal, month.start, now),
    ]);
    return {
      period,
      periodStart: start.toISOString(),
      periodEnd: now.toISOString(),
      totalCostUsd: roundCost(byModel.reduce((s, r) => s + Number(r.cost), 0)),
      unpriced: {
        requests: byModel.reduce((s, r) => s + Number(r.unpriced_calls), 0),
        inputTokens: byModel.reduce((s, r) => s + Number(r.unpriced_input_tokens), 0),
        outputTokens: byModel.reduce((s, r) => s + Number(r.unpriced_output_tokens), 0),
      },
      byModel: byModel.map((r) => ({
        model: r.key,
        provider: r.label,
        requests: Number(r.requests),
        inputTokens: Number(r.input_tokens),
        outputTokens: Number(r.output_tokens),
        ...tokenTypesOf(r),
        costUsd: Number(r.cost),
        unpriced: unpricedOf(r),
      })),
      byAgent: byAgent.map((r) => ({
        agentId: r.key,
        name: r.label ?? '',
        requests: Number(r.requests),
        totalTokens: Number(r.input_tokens) + Number(r.output_tokens),
        costUsd: Number(r.cost),
      })),
      byDay: byDay.map((r) => ({
        date: r.key,
        requests: Number(r.requests),
        totalTokens: Number(r.input_tokens) + Number(r.output_tokens),
        costUsd: Number(r.cost),
      })),
      projection: projectMonth(Number(monthTotals.cost), now),
    };
  }

  async requests(principal: Principal, query: UsageRequestsQueryDto): Promise<UsageRequestsPageDto> {
    const page = query.page ?? 1;
    const perPage = query.per_page ?? 50;
    const [rows, total] = await Promise.all([this.repository.page(principal, (page - 1) * perPage, perPage), this.repository.count(principal)]);
    return { page, per_page: perPage, total, total_pages: Math.ceil(total / perPage), requests: rows.map(toUsageRequest) };
  }

  private async budgetProgress(principal: Principal, now: Date): Promise<BudgetProgressDto> {
    const month = monthOf(now);
    const agents = (await this.budgets.visible(principal, month.start, month.next)).map((r) => toBudgetDto(r, month.key));
    const monthly = agents.reduce((s, b) => s + b.monthlyUsd, 0);
    const spent = roundCost(agents.reduce((s, b) => s + b.monthToDateUsd, 0));
    const worst = agents.reduce<'ok' | 'warning' | 'exceeded'>((w, b) => {
      const status = b.status as keyof typeof STATUS_RANK;
      return STATUS_RANK[status] > STATUS_RANK[w] ? status : w;
    }, 'ok');
    return { monthlyUsd: monthly, monthToDateUsd: spent, percentUsed: agents.length ? percentUsed(spent, monthly) : null, status: worst, agents };
  }
}
