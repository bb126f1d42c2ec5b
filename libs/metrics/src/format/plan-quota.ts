/**
 * Storage quota in MB per plan (the plans seed 000 names). A user without a plan, or with one not
 * listed, gets the smallest.
 */
export const PLAN_STORAGE_MB: Readonly<Record<string, number>> = { solo: 1024, collective: 5120, label: 20480, network: 102400 };
export const DEFAULT_STORAGE_MB = 1024;

export function storageQuotaMb(plan: string | null): number {
  return (plan && PLAN_STORAGE_MB[plan]) || DEFAULT_STORAGE_MB;
}
