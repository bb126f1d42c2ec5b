export type BudgetStatus = 'ok' | 'warning' | 'exceeded';

export interface BudgetFigures {
  monthlyUsd: number;
  softThresholdPct: number;
  monthToDateUsd: number;
}

/** Percent of the monthly budget spent, two decimals. */
export function percentUsed(monthToDateUsd: number, monthlyUsd: number): number {
  return monthlyUsd > 0 ? Math.round((monthToDateUsd / monthlyUsd) * 10_000) / 100 : 0;
}

/** `exceeded` from 100 % of the budget, `warning` from the soft threshold, else `ok`. */
export function budgetStatus(b: BudgetFigures): BudgetStatus {
  if (b.monthToDateUsd >= b.monthlyUsd) return 'exceeded';
  if (b.monthToDateUsd >= (b.monthlyUsd * b.softThresholdPct) / 100) return 'warning';
  return 'ok';
}

export interface BudgetState extends BudgetFigures {
  hardCap: boolean;
  /** First day (YYYY-MM-DD) of the month whose warning / pause was already written, if any. */
  warnedMonth: string | null;
  pausedMonth: string | null;
}

/** What the budget job must do this tick: each crossing acts once per month. */
export function budgetActions(state: BudgetState, month: string): { warn: boolean; pause: boolean } {
  const status = budgetStatus(state);
  return {
    warn: status !== 'ok' && state.warnedMonth !== month,
    pause: state.hardCap && status === 'exceeded' && state.pausedMonth !== month,
  };
}
