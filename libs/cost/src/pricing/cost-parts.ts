import { add, compare, decimal, roundTo, sum, toDecimalString, ZERO, type Decimal } from './exact-decimal';
import { TOKEN_TYPES, type TokenType } from './catalogue.types';
import type { CostLine } from './usage-cost';

/** A per-type key of a call's stored cost split: the pricing core's token types plus the per-request fee. */
export type CostPartKey = TokenType | 'request';

export const COST_PART_KEYS: readonly CostPartKey[] = [...TOKEN_TYPES, 'request'];

/** Exact decimal strings (10 places at most) per part, absent when zero; as stored in llm_calls.cost_lines. */
export type CostParts = Partial<Record<CostPartKey, string>>;

const STORED_DIGITS = 10;

/**
 * The stored cost split by type so that the parts add up to `storedTotal` exactly: each part is
 * rounded to the 10 places of numeric(20, 10) like the total, and the rounding remainder (at most a
 * few 1e-10 USD) goes onto the largest part. Rounding each part alone would let Σ parts drift from
 * cost_usd in the last decimal, and a reader summing the parts would see a cost nobody stored.
 */
export function costParts(lines: readonly CostLine[], requestFee: string | null, storedTotal: string): CostParts {
  const exact: Array<[CostPartKey, Decimal]> = lines.map((l) => [l.type, decimal(l.cost)]);
  if (requestFee !== null) exact.push(['request', decimal(requestFee)]);
  const rounded = exact.map(([key, value]): [CostPartKey, Decimal] => [key, roundTo(value, STORED_DIGITS)]);
  const remainder = add(decimal(storedTotal), negate(sum(rounded.map(([, v]) => v))));
  // No parts means a zero total (a price with no rate for anything the call used): nothing to carry.
  if (compare(remainder, ZERO) !== 0 && rounded.length > 0) {
    let largest = 0;
    rounded.forEach(([, v], i) => {
      if (compare(v, rounded[largest][1]) > 0) largest = i;
    });
    rounded[largest] = [rounded[largest][0], add(rounded[largest][1], remainder)];
  }
  const parts: CostParts = {};
  for (const [key, value] of rounded) {
    if (compare(value, ZERO) !== 0) parts[key] = toDecimalString(value);
  }
  return parts;
}

function negate(d: Decimal): Decimal {
  return { units: -d.units, scale: d.scale };
}

/**
 * cost_lines as JSON text. Keys are the part names and values plain decimal strings, so nothing
 * needs escaping (for JSON or for COPY): the ingest path writes one per call.
 */
export function costPartsJson(parts: CostParts): string {
  let json = '';
  for (const key in parts) json += `${json ? ',' : '{'}"${key}":"${parts[key as CostPartKey]}"`;
  return json ? `${json}}` : '{}';
}
