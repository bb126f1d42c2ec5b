/** Numbers in one style everywhere (`$1,234.50`, `12.3k tokens`); times in the browser's own zone. */
const usd = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 2 });
const usdSmall = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD', minimumFractionDigits: 2, maximumFractionDigits: 4 });
const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });

export function money(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return Math.abs(value) > 0 && Math.abs(value) < 1 ? usdSmall.format(value) : usd.format(value);
}

export function compact(value: number): string {
  const abs = Math.abs(value);
  if (abs < 1000) return plain.format(value);
  const [div, unit] = abs >= 1e9 ? [1e9, 'B'] : abs >= 1e6 ? [1e6, 'M'] : [1e3, 'k'];
  return `${(value / div).toFixed(1).replace(/\.0$/, '')}${unit}`;
}

export function tokens(value: number | null | undefined): string {
  return value === null || value === undefined ? '—' : `${compact(value)} tokens`;
}

export function num(value: number | null | undefined, digits = 2): string {
  if (value === null || value === undefined) return '—';
  return new Intl.NumberFormat('en-US', { maximumFractionDigits: digits }).format(value);
}

export function percent(value: number | null | undefined, digits = 1): string {
  return value === null || value === undefined ? '—' : `${num(value, digits)}%`;
}

export function ms(value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  return value >= 1000 ? `${num(value / 1000, 2)} s` : `${num(value, 0)} ms`;
}

export function when(iso: string | null | undefined): string {
  return iso ? dateTime.format(new Date(iso)) : '—';
}

export function day(iso: string): string {
  // A bare date (YYYY-MM-DD) is a UTC day: show it as that day, not shifted by the zone.
  return /^\d{4}-\d{2}-\d{2}$/.test(iso) ? dateOnly.format(new Date(`${iso}T12:00:00Z`)) : dateOnly.format(new Date(iso));
}

export function ago(iso: string | null | undefined): string {
  if (!iso) return 'never';
  const seconds = Math.round((Date.now() - new Date(iso).getTime()) / 1000);
  if (seconds < 45) return 'just now';
  if (seconds < 3600) return `${Math.round(seconds / 60)} min ago`;
  if (seconds < 86400) return `${Math.round(seconds / 3600)} h ago`;
  return `${Math.round(seconds / 86400)} d ago`;
}

export function duration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined) return '—';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`;
  if (seconds < 86400) return `${num(seconds / 3600, 1)} h`;
  return `${num(seconds / 86400, 1)} d`;
}

export function shortId(id: string | null | undefined): string {
  return id ? id.slice(-8) : '—';
}

/** A run's length from milliseconds: `850 ms`, `42 s`, `10 min`, `1.5 h`. */
export function elapsed(milliseconds: number | null | undefined): string {
  if (milliseconds === null || milliseconds === undefined) return '—';
  return milliseconds < 60_000 ? ms(milliseconds) : duration(milliseconds / 1000);
}

const clockTime = new Intl.DateTimeFormat(undefined, { timeStyle: 'medium' });

/** The time of day to the second (`12:10:03 PM`): calls of one run often fall in the same minute. */
export function clock(iso: string | null | undefined): string {
  return iso ? clockTime.format(new Date(iso)) : '—';
}
