const UNIT_MS: Record<string, number> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export const INTERVAL_PATTERN = /^([1-9][0-9]{0,6})(s|m|h|d)$/;

/** `90s`, `5m`, `1h`, `7d` → milliseconds; undefined for anything else. */
export function parseInterval(text: string): number | undefined {
  const match = INTERVAL_PATTERN.exec(text);
  if (!match) return undefined;
  return Number(match[1]) * UNIT_MS[match[2]];
}

export function isWholeHours(ms: number): boolean {
  return ms % UNIT_MS.h === 0;
}
