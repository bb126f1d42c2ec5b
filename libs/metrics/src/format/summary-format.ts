const money = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/** `$1,234.50`; negative amounts `-$5.00`. */
export function formatUsd(amount: number): string {
  const text = money.format(Math.abs(amount));
  return amount < 0 ? `-$${text}` : `$${text}`;
}

/**
 * Change from `previous` to `current` in whole percent with its sign (`+12%`, `-3%`). From zero:
 * `+0%` when still zero, `+100%` when something appeared.
 */
export function formatChange(current: number, previous: number): string {
  if (previous === 0) return current > 0 ? '+100%' : current < 0 ? '-100%' : '+0%';
  const change = Math.round(((current - previous) / Math.abs(previous)) * 100);
  return change < 0 ? `${change}%` : `+${change}%`;
}

/** `part / whole` in whole percent without a sign; `0%` when whole is 0. */
export function formatShare(part: number, whole: number): string {
  return `${whole > 0 ? Math.round((part / whole) * 100) : 0}%`;
}
