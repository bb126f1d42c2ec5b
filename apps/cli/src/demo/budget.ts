import { ApiClient } from './api-client';

export const SOFT_THRESHOLD_PCT = 80;
/** Streaming ticks between sizing the budget and the agent crossing its soft threshold. */
export const TICKS_TO_CROSS = 5;

interface BudgetAnswer {
  monthlyUsd: number;
  monthToDateUsd: number;
  percentUsed: number;
  status: string;
}

/** Dollars with cents, never below one cent (the budget must stay above zero). */
function dollars(value: number): number {
  return Math.max(0.01, Math.ceil(value * 100) / 100);
}

/**
 * The budget agent must cross its soft threshold while the user watches, whatever history the
 * month already holds (backfill, earlier runs) and whatever the price catalogue charges. So the
 * demo first sets a generous budget, measures the agent's spend over one tick, and then sizes the
 * budget so the threshold falls about TICKS_TO_CROSS ticks ahead.
 */
export class BudgetPlanner {
  private before = 0;
  private sized = false;

  constructor(
    private readonly api: ApiClient,
    private readonly agentId: string,
  ) {}

  private put(monthlyUsd: number): Promise<BudgetAnswer> {
    return this.api.call<BudgetAnswer>('PUT', `/api/agents/${this.agentId}/budget`, { monthlyUsd, softThresholdPct: SOFT_THRESHOLD_PCT, hardCap: false });
  }

  /** Before streaming: month-to-date spend at about half the budget. */
  async start(): Promise<BudgetAnswer> {
    const probe = await this.put(1000);
    this.before = probe.monthToDateUsd;
    return this.put(dollars(Math.max(1, this.before * 2)));
  }

  /** After the first tick: the spend per tick is known, so the crossing can be placed. */
  async size(): Promise<BudgetAnswer | undefined> {
    if (this.sized) return undefined;
    this.sized = true;
    const now = await this.api.get<BudgetAnswer>(`/api/agents/${this.agentId}/budget`);
    const perTick = now.monthToDateUsd - this.before;
    const soft = SOFT_THRESHOLD_PCT / 100;
    // Without a measurable spend (free model prices) the budget is set already past the threshold.
    const monthly = perTick > 0 ? (now.monthToDateUsd + TICKS_TO_CROSS * perTick) / soft : now.monthToDateUsd / 0.9;
    return this.put(dollars(monthly));
  }

  read(): Promise<BudgetAnswer> {
    return this.api.get<BudgetAnswer>(`/api/agents/${this.agentId}/budget`);
  }
}
