/**
 * Exact decimal arithmetic on bigint units, so a cost is the sum of its parts to the last digit
 * (binary floats turn 0.075 × 3 into 0.22499999999999998). Values are immutable `{ units, scale }`
 * meaning units / 10^scale.
 */
export interface Decimal {
  readonly units: bigint;
  readonly scale: number;
}

export const ZERO: Decimal = { units: 0n, scale: 0 };

const DECIMAL_TEXT = /^(-)?(\d+)(?:\.(\d+))?(?:e([+-]?\d+))?$/i;

/** Parses a decimal string or a JS number by its shortest round-trip spelling (0.075 → "0.075"). */
export function decimal(value: string | number | bigint): Decimal {
  if (typeof value === 'bigint') return { units: value, scale: 0 };
  if (typeof value === 'number' && !Number.isFinite(value)) throw new RangeError(`Not a finite number: ${value}`);
  const text = String(value).trim();
  const m = DECIMAL_TEXT.exec(text);
  if (!m) throw new RangeError(`Not a decimal number: ${text}`);
  const [, sign, whole, fraction = '', exponentText] = m;
  const exponent = exponentText === undefined ? 0 : Number(exponentText);
  let units = BigInt(`${whole}${fraction}`);
  let scale = fraction.length - exponent;
  if (scale < 0) {
    units *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return normalize({ units: sign ? -units : units, scale });
}

function normalize(d: Decimal): Decimal {
  let { units, scale } = d;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return units === 0n ? ZERO : { units, scale };
}

function rescale(d: Decimal, scale: number): bigint {
  return d.units * 10n ** BigInt(scale - d.scale);
}

export function add(a: Decimal, b: Decimal): Decimal {
  const scale = Math.max(a.scale, b.scale);
  return normalize({ units: rescale(a, scale) + rescale(b, scale), scale });
}

export function sum(values: readonly Decimal[]): Decimal {
  return values.reduce(add, ZERO);
}

export function multiply(a: Decimal, b: Decimal): Decimal {
  return normalize({ units: a.units * b.units, scale: a.scale + b.scale });
}

/** Division by 10^n is exact in decimal: per-million and per-thousand rates need nothing else. */
export function shiftLeft(a: Decimal, n: number): Decimal {
  return normalize({ units: a.units, scale: a.scale + n });
}

export function compare(a: Decimal, b: Decimal): -1 | 0 | 1 {
  const scale = Math.max(a.scale, b.scale);
  const x = rescale(a, scale);
  const y = rescale(b, scale);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Decimal): boolean {
  return a.units === 0n;
}

/** Plain notation without trailing zeros ("0.000123", "42"). */
export function toDecimalString(a: Decimal): string {
  const negative = a.units < 0n;
  const digits = (negative ? -a.units : a.units).toString().padStart(a.scale + 1, '0');
  const whole = digits.slice(0, digits.length - a.scale);
  const fraction = digits.slice(digits.length - a.scale);
  return `${negative ? '-' : ''}${whole}${fraction ? `.${fraction}` : ''}`;
}

/** Rounded half away from zero to `digits` places, e.g. for a numeric(20, 10) column. */
export function roundTo(a: Decimal, digits: number): Decimal {
  if (a.scale <= digits) return a;
  const divisor = 10n ** BigInt(a.scale - digits);
  const magnitude = a.units < 0n ? -a.units : a.units;
  let q = magnitude / divisor;
  if ((magnitude % divisor) * 2n >= divisor) q += 1n;
  return normalize({ units: a.units < 0n ? -q : q, scale: digits });
}

export function toNumber(a: Decimal): number {
  return Number(toDecimalString(a));
}
