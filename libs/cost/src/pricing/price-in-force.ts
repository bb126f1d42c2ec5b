import type { PriceRow, TimeOfDayWindow } from './catalogue.types';

const TIME_OF_DAY = /^(\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|([+-])(\d{2}):(\d{2}))$/;

/** Seconds after UTC midnight of a time such as "00:30:00Z" or "08:30:00+08:00". */
export function utcSecondsOfDay(text: string): number {
  const m = TIME_OF_DAY.exec(text);
  if (!m) throw new RangeError(`Invalid time of day: ${text}`);
  const [, h, min, s, fraction = '', zone, sign, oh = '00', om = '00'] = m;
  if (Number(h) > 23 || Number(min) > 59 || Number(s) > 59 || Number(oh) > 23 || Number(om) > 59) {
    throw new RangeError(`Invalid time of day: ${text}`);
  }
  const local = Number(h) * 3600 + Number(min) * 60 + Number(s) + Number(`0.${fraction}`);
  const offset = zone === 'Z' ? 0 : (sign === '+' ? 1 : -1) * (Number(oh) * 3600 + Number(om) * 60);
  return (local - offset + 86_400) % 86_400;
}

export function windowContains(window: TimeOfDayWindow, at: Date): boolean {
  const t = at.getUTCHours() * 3600 + at.getUTCMinutes() * 60 + at.getUTCSeconds() + at.getUTCMilliseconds() / 1000;
  const start = utcSecondsOfDay(window.start);
  const end = utcSecondsOfDay(window.end);
  // A window whose end is before its start runs over midnight.
  return end < start ? t >= start || t < end : t >= start && t < end;
}

type Versioned = Pick<PriceRow, 'effectiveFrom' | 'timeOfDay'>;

/** Parsed effectiveFrom instants: a catalogue has a few dozen distinct ones, and every priced call asks. */
const instants = new Map<string, number>();

function instant(text: string): number {
  let ms = instants.get(text);
  if (ms === undefined) {
    if (instants.size >= 10_000) instants.clear();
    ms = Date.parse(text);
    instants.set(text, ms);
  }
  return ms;
}

/**
 * The version of one model's price in force at `at`: an open time-of-day window wins (the most
 * recently effective one), else the dated version with the latest effectiveFrom not after `at`.
 * Null when every version starts later than the call.
 */
export function priceInForce<T extends Versioned>(versions: readonly T[], at: Date): T | null {
  const t = at.getTime();
  if (Number.isNaN(t)) throw new RangeError('Invalid call timestamp');
  let dated: T | null = null;
  let windowed: T | null = null;
  for (const v of versions) {
    const from = instant(v.effectiveFrom);
    if (from > t) continue;
    if (v.timeOfDay === null) {
      if (dated === null || from >= instant(dated.effectiveFrom)) dated = v;
    } else if (windowContains(v.timeOfDay, at)) {
      if (windowed === null || from >= instant(windowed.effectiveFrom)) windowed = v;
    }
  }
  return windowed ?? dated;
}
