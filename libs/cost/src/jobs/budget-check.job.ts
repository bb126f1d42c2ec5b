import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { ActivityEntry, ActivityLogService, Agent, AgentStatusService } from '@fleetwatch/agents';
import { Clock } from '@fleetwatch/common';
import { AppConfig } from '@fleetwatch/config';
import { JobScheduler } from '@fleetwatch/database';
import { budgetActions, percentUsed } from '../budgets/budget-rules';
import { AgentBudgetRepository, BudgetSpend } from '../repositories/agent-budget.repository';
import { monthOf } from '../services/budgets.service';

export const BUDGET_JOB = 'cost.budget-check';

const usd = (v: number): string => `$${v.toFixed(2)}`;

/**
 * Compares month-to-date cost with each budget. Crossing the soft threshold writes `budget_warning`
 * once per month; reaching the budget with a hard cap stops the agent through AgentStatusService
 * (status history + agent_status_changed) and writes `budget_paused`, once per month. Telemetry is
 * still accepted from a paused agent. The job runs under the scheduler's lock, in one transaction.
 */
@Injectable()
export class BudgetCheckJob implements OnModuleInit {
  constructor(
    private readonly scheduler: JobScheduler,
    private readonly repository: AgentBudgetRepository,
    private readonly activity: ActivityLogService,
    private readonly status: AgentStatusService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.scheduler.register({ name: BUDGET_JOB, intervalMs: this.config.monitoring.budgetCheckIntervalSeconds * 1000, run: (em) => this.run(em) });
  }

  async run(em: EntityManager): Promise<{ warned: number; paused: number }> {
    const now = this.clock.now();
    const month = monthOf(now);
    const rows = await this.repository.pending(em, month.key, month.start, month.next);
    const warn: BudgetSpend[] = [];
    const pause: BudgetSpend[] = [];
    for (const row of rows) {
      const { budget } = row;
      const actions = budgetActions(
        {
          monthlyUsd: Number(budget.monthlyUsd),
          softThresholdPct: Number(budget.softThresholdPct),
          monthToDateUsd: Number(row.monthCost),
          hardCap: budget.hardCap,
          warnedMonth: budget.warnedMonth,
          pausedMonth: budget.pausedMonth,
        },
        month.key,
      );
      if (actions.warn) warn.push(row);
      if (actions.pause) pause.push(row);
    }
    if (warn.length === 0 && pause.length === 0) return { warned: 0, paused: 0 };

    if (pause.length > 0) {
      const agents = await em.find(Agent, { id: { $in: pause.map((r) => r.budget.agentId) } });
      for (const agent of agents) await this.status.change(em, agent, 'stopped', 'system', now, 'budget cap reached');
      await em.flush();
    }
    await this.activity.append([...warn.map((r) => this.entry(r, 'budget_warning', now)), ...pause.map((r) => this.entry(r, 'budget_paused', now))], em);
    await this.repository.markWarned(
      em,
      warn.map((r) => r.budget.agentId),
      month.key,
    );
    await this.repository.markPaused(
      em,
      pause.map((r) => r.budget.agentId),
      month.key,
    );
    return { warned: warn.length, paused: pause.length };
  }

  private entry(row: BudgetSpend, type: 'budget_warning' | 'budget_paused', now: Date): ActivityEntry {
    const spent = Number(row.monthCost);
    const monthly = Number(row.budget.monthlyUsd);
    const percent = percentUsed(spent, monthly);
    const message =
      type === 'budget_warning'
        ? `Agent "${row.agentName}" used ${percent}% of its monthly budget (${usd(spent)} of ${usd(monthly)})`
        : `Agent "${row.agentName}" stopped: monthly budget of ${usd(monthly)} reached (${usd(spent)} spent)`;
    return {
      ownerId: row.ownerId,
      agentId: row.budget.agentId,
      type,
      message,
      metadata: {
        agentId: row.budget.agentId,
        monthToDateUsd: spent,
        monthlyUsd: monthly,
        percentUsed: percent,
        softThresholdPct: Number(row.budget.softThresholdPct),
      },
      actor: 'system',
      ts: now,
    };
  }
}
