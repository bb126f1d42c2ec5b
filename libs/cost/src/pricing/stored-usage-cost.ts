import { TOKEN_TYPES, type PriceRow, type TokenRates, type TokenType } from './catalogue.types';
import type { CostParts } from './cost-parts';
import { tierAt } from './price-tier';
import { pricedTypes } from './token-units';
import { carvingPlan, reportedTokens, validateUsage, type TokenUsage } from './usage-cost';

/** What llm_calls stores for a priced call: cost_usd (numeric(20, 10)) and its split by type (cost_lines). */
export interface StoredCost {
  costUsd: string;
  costParts: CostParts;
}

/** 1e-10 USD, the last place numeric(20, 10) keeps. A rate per 1M tokens of `r` is r × 10^4 of these per token. */
const UNITS_PER_USD_DIGITS = 10;
const RATE_DIGITS = 4;

interface PlanStep {
  type: TokenType;
  /** Units of 1e-10 USD per token. */
  unitsPerToken: number;
  /** Positions (in this plan) of the priced partitions carved out of this type. */
  inner: number[];
}

/** Steps in carving order (partitions first), and the same steps in TOKEN_TYPES order for the split's key order. */
interface Plan {
  steps: PlanStep[];
  order: number[];
}

/** Per rates object (base rates and each tier of each loaded price): null when a rate has more than 4 decimals. */
const plans = new WeakMap<TokenRates, Plan | null>();
const feeUnits = new Map<string, number | null>();
/** Tokens billed per plan step; one array for every call (pricing is synchronous). */
const scratch: number[] = new Array<number>(TOKEN_TYPES.length).fill(0);

/** Whole units of 1e-10 USD in a decimal string with at most `digits` places, or null. */
function wholeUnits(value: string, digits: number): number | null {
  const m = /^(\d+)(?:\.(\d+))?$/.exec(value);
  if (!m || (m[2] ?? '').length > digits) return null;
  const units = Number(`${m[1]}${(m[2] ?? '').padEnd(digits, '0')}`);
  return Number.isSafeInteger(units) ? units : null;
}

function planFor(rates: TokenRates): Plan | null {
  const known = plans.get(rates);
  if (known !== undefined) return known;
  const carving = carvingPlan(pricedTypes(rates));
  const steps: PlanStep[] = [];
  let plan: Plan | null = { steps, order: [] };
  for (const { type, partitions } of carving) {
    const unitsPerToken = wholeUnits(rates[type]!, RATE_DIGITS);
    if (unitsPerToken === null) {
      plan = null;
      break;
    }
    steps.push({ type, unitsPerToken, inner: partitions.map((p) => carving.findIndex((c) => c.type === p)) });
  }
  if (plan) plan.order = TOKEN_TYPES.map((t) => steps.findIndex((s) => s.type === t)).filter((i) => i >= 0);
  plans.set(rates, plan);
  return plan;
}

function fee(perRequest: string | null): number | null {
  if (perRequest === null) return 0;
  let units = feeUnits.get(perRequest);
  if (units === undefined) {
    if (feeUnits.size >= 10_000) feeUnits.clear();
    units = wholeUnits(perRequest, UNITS_PER_USD_DIGITS);
    feeUnits.set(perRequest, units);
  }
  return units;
}

const TEN_DIGITS = 10 ** UNITS_PER_USD_DIGITS;

/** "0.00125" from 12,500,000 units: plain notation without trailing zeros, as toDecimalString writes. */
function usd(units: number): string {
  const whole = Math.floor(units / TEN_DIGITS);
  let fraction = units - whole * TEN_DIGITS;
  if (fraction === 0) return String(whole);
  let places = UNITS_PER_USD_DIGITS;
  while (fraction % 10 === 0) {
    fraction /= 10;
    places -= 1;
  }
  const digits = String(fraction);
  return `${whole}.${digits.length < places ? '0'.repeat(places - digits.length) : ''}${digits}`;
}

/**
 * The stored cost of a call and its split, in whole numbers of 1e-10 USD — exact with plain
 * numbers whenever every applied rate has at most 4 decimals per 1M tokens (so each type's cost
 * has at most 10 places and nothing needs rounding), the fee at most 10, and every amount stays
 * below 2^53. That is nearly every catalogue price (24 of 4,042 rates of 0.1.8 have more places).
 * Null otherwise: the caller then takes the exact bigint path (usageCost, costParts), which gives
 * the same answer — the ingest path measured the bigint arithmetic at a fifth of an LLM call's CPU.
 */
export function storedUsageCost(usage: TokenUsage, price: Pick<PriceRow, 'rates' | 'tiers' | 'perRequest'>): StoredCost | null {
  validateUsage(usage);
  const plan = planFor(tierAt(price, usage.input)?.rates ?? price.rates);
  const feeUnits = fee(price.perRequest);
  if (plan === null || feeUnits === null) return null;
  const { steps, order } = plan;
  const billed = scratch;
  for (let i = 0; i < steps.length; i++) {
    let own = reportedTokens(usage, steps[i].type);
    for (const j of steps[i].inner) own -= billed[j];
    // Partitions larger than their total: the exact path reports which.
    if (own < 0) return null;
    billed[i] = own;
  }
  const costParts: CostParts = {};
  let total = feeUnits;
  for (const i of order) {
    const units = billed[i] * steps[i].unitsPerToken;
    if (!Number.isSafeInteger(units)) return null;
    if (units > 0) costParts[steps[i].type] = usd(units);
    total += units;
  }
  if (!Number.isSafeInteger(total)) return null;
  if (feeUnits > 0) costParts.request = usd(feeUnits);
  return { costUsd: usd(total), costParts };
}
