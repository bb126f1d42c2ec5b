import { add, decimal, multiply, shiftLeft, sum, toDecimalString, type Decimal } from './exact-decimal';
import { TOKEN_TYPES, type PriceRow, type TokenType } from './catalogue.types';
import { selectTier } from './price-tier';
import { isPartitionOf, pricedTypes, TOKEN_DIMENSIONS } from './token-units';

/**
 * Token usage of one call with OpenTelemetry GenAI semantics: `input` is the whole prompt,
 * cache reads and writes and audio / image tokens included; `output` includes reasoning and audio.
 */
export interface TokenUsage {
  input: number;
  output: number;
  cacheRead?: number;
  /** All cache writes; the 5m / 1h split, when known, partitions it. */
  cacheWrite?: number;
  cacheWrite5m?: number;
  cacheWrite1h?: number;
  reasoning?: number;
  audioIn?: number;
  audioOut?: number;
  imageIn?: number;
  /** Cache reads of audio / image tokens, when the provider reports them (inside cacheRead). */
  cacheReadAudio?: number;
  cacheReadImage?: number;
}

export type UsageField = keyof TokenUsage;

/** The names of the HTTP contract, so an error names what the client sent. */
export const USAGE_FIELD_NAMES: Readonly<Record<UsageField, string>> = {
  input: 'inputTokens',
  output: 'outputTokens',
  cacheRead: 'cacheReadInputTokens',
  cacheWrite: 'cacheCreationInputTokens',
  cacheWrite5m: 'cacheCreation5mInputTokens',
  cacheWrite1h: 'cacheCreation1hInputTokens',
  reasoning: 'reasoningOutputTokens',
  audioIn: 'audioInputTokens',
  audioOut: 'audioOutputTokens',
  imageIn: 'imageInputTokens',
  cacheReadAudio: 'cacheReadAudioInputTokens',
  cacheReadImage: 'cacheReadImageInputTokens',
};

/** A usage that cannot be true: a field that is not a count, or partitions larger than their total. */
export class UsagePartitionError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'UsagePartitionError';
  }
}

const PARTS: ReadonlyArray<{ parts: UsageField[]; total: UsageField }> = [
  { parts: ['cacheRead'], total: 'input' },
  { parts: ['cacheWrite'], total: 'input' },
  // Reads and writes of a cache are disjoint, so are the modalities.
  { parts: ['cacheRead', 'cacheWrite'], total: 'input' },
  { parts: ['audioIn'], total: 'input' },
  { parts: ['imageIn'], total: 'input' },
  { parts: ['audioIn', 'imageIn'], total: 'input' },
  { parts: ['cacheWrite5m'], total: 'cacheWrite' },
  { parts: ['cacheWrite1h'], total: 'cacheWrite' },
  { parts: ['cacheWrite5m', 'cacheWrite1h'], total: 'cacheWrite' },
  { parts: ['cacheReadAudio'], total: 'cacheRead' },
  { parts: ['cacheReadImage'], total: 'cacheRead' },
  { parts: ['cacheReadAudio', 'cacheReadImage'], total: 'cacheRead' },
  { parts: ['cacheReadAudio'], total: 'audioIn' },
  { parts: ['cacheReadImage'], total: 'imageIn' },
  { parts: ['reasoning'], total: 'output' },
  { parts: ['audioOut'], total: 'output' },
];

const isCount = (v: number | undefined): boolean => v === undefined || (Number.isSafeInteger(v) && v >= 0);

/**
 * PARTS written out with plain property reads, for the ingest path (every call, twice: validation
 * and pricing); the loop over PARTS below took a third of a microsecond per call. With every value
 * a count, a pair of parts within its total implies each part is. A spec checks that this agrees
 * with the PARTS walk on every usage of small counts.
 */
export function usageIsPossible(u: TokenUsage): boolean {
  if (!(isCount(u.input) && isCount(u.output) && isCount(u.cacheRead) && isCount(u.cacheWrite) && isCount(u.cacheWrite5m) && isCount(u.cacheWrite1h)))
    return false;
  if (!(isCount(u.reasoning) && isCount(u.audioIn) && isCount(u.audioOut) && isCount(u.imageIn) && isCount(u.cacheReadAudio) && isCount(u.cacheReadImage)))
    return false;
  const input = u.input ?? 0;
  const output = u.output ?? 0;
  const cacheRead = u.cacheRead ?? 0;
  const cacheWrite = u.cacheWrite ?? 0;
  const audioIn = u.audioIn ?? 0;
  const imageIn = u.imageIn ?? 0;
  const cacheReadAudio = u.cacheReadAudio ?? 0;
  const cacheReadImage = u.cacheReadImage ?? 0;
  return (
    cacheRead + cacheWrite <= input &&
    audioIn + imageIn <= input &&
    (u.cacheWrite5m ?? 0) + (u.cacheWrite1h ?? 0) <= cacheWrite &&
    cacheReadAudio + cacheReadImage <= cacheRead &&
    cacheReadAudio <= audioIn &&
    cacheReadImage <= imageIn &&
    (u.reasoning ?? 0) <= output &&
    (u.audioOut ?? 0) <= output
  );
}

/** Throws UsagePartitionError naming the first field that is not a count or outgrows its total. */
export function validateUsage(usage: TokenUsage): void {
  if (usageIsPossible(usage)) return;
  const problem = firstUsageProblem(usage);
  if (problem) throw problem;
}

/** The PARTS walk: the first field that is not a count or outgrows its total, with the message a client sees. */
export function firstUsageProblem(usage: TokenUsage): UsagePartitionError | null {
  for (const field in usage) {
    const value = usage[field as UsageField];
    if (value === undefined) continue;
    if (!Number.isSafeInteger(value) || value < 0) {
      const name = USAGE_FIELD_NAMES[field as UsageField] ?? field;
      return new UsagePartitionError(name, `${name} must be a non-negative integer`);
    }
  }
  for (const { parts, total } of PARTS) {
    let partSum = 0;
    for (const p of parts) partSum += usage[p] ?? 0;
    const totalValue = usage[total] ?? 0;
    if (partSum > totalValue) {
      const names = parts.map((p) => USAGE_FIELD_NAMES[p]);
      const last = parts[parts.length - 1];
      return new UsagePartitionError(USAGE_FIELD_NAMES[last], `${names.join(' + ')} (${partSum}) exceeds ${USAGE_FIELD_NAMES[total]} (${totalValue})`);
    }
  }
  return null;
}

/** How many tokens a call reported of one metered type (its total, before partitions are carved out). */
export function reportedTokens(usage: TokenUsage, type: TokenType): number {
  switch (type) {
    case 'input':
      return usage.input;
    case 'output':
      return usage.output;
    case 'cacheRead':
      return usage.cacheRead ?? 0;
    // Priced by cache_write_mtok and measured by the total of all cache writes.
    case 'cacheWrite5m':
      return usage.cacheWrite ?? 0;
    case 'cacheWrite1h':
      return usage.cacheWrite1h ?? 0;
    case 'audioInput':
      return usage.audioIn ?? 0;
    case 'audioOutput':
      return usage.audioOut ?? 0;
    case 'cacheReadAudio':
      return usage.cacheReadAudio ?? 0;
    case 'imageInput':
      return usage.imageIn ?? 0;
    case 'cacheReadImage':
      return usage.cacheReadImage ?? 0;
    case 'reasoning':
      return usage.reasoning ?? 0;
  }
}

const TOTAL_FIELD: Readonly<Record<TokenType, UsageField>> = {
  input: 'input',
  output: 'output',
  cacheRead: 'cacheRead',
  cacheWrite5m: 'cacheWrite',
  cacheWrite1h: 'cacheWrite1h',
  audioInput: 'audioIn',
  audioOutput: 'audioOut',
  cacheReadAudio: 'cacheReadAudio',
  imageInput: 'imageIn',
  cacheReadImage: 'cacheReadImage',
  reasoning: 'reasoning',
};

/** Parsed rates: a catalogue has a few hundred distinct ones, parsed once instead of per call. */
const parsedRates = new Map<string, Decimal>();

function rateDecimal(rate: string): Decimal {
  let d = parsedRates.get(rate);
  if (d === undefined) {
    // Bounded: admin and owner prices can add rates, but not without end.
    if (parsedRates.size >= 10_000) parsedRates.clear();
    d = decimal(rate);
    parsedRates.set(rate, d);
  }
  return d;
}

/** Per set of priced types (a few dozen distinct sets): the order and partitions billing walks. */
const plans = new Map<string, ReadonlyArray<{ type: TokenType; partitions: readonly TokenType[] }>>();

export function carvingPlan(priced: readonly TokenType[]): ReadonlyArray<{ type: TokenType; partitions: readonly TokenType[] }> {
  const key = priced.join(',');
  const known = plans.get(key);
  if (known) return known;
  // A partition has strictly more dimensions than its parent, so this computes inner types first.
  const dims = (t: TokenType): number => Object.keys(TOKEN_DIMENSIONS[t]).length;
  const plan = [...priced].sort((a, b) => dims(b) - dims(a)).map((type) => ({ type, partitions: priced.filter((p) => isPartitionOf(p, type)) }));
  plans.set(key, plan);
  return plan;
}

/**
 * Tokens billed at each priced type's own rate: its reported count minus the priced partitions
 * inside it (most specific first), so "input" is what no other priced type claimed. A type without
 * a rate is not carved out and stays in its parent, exactly as the catalogue's calculator does.
 */
export function billedTokens(usage: TokenUsage, priced: readonly TokenType[]): Partial<Record<TokenType, number>> {
  const billed: Partial<Record<TokenType, number>> = {};
  for (const { type, partitions } of carvingPlan(priced)) {
    const inner = partitions.reduce((s, p) => s + (billed[p] ?? 0), 0);
    const reported = reportedTokens(usage, type);
    const own = reported - inner;
    if (own < 0) {
      const field = USAGE_FIELD_NAMES[TOTAL_FIELD[type]];
      throw new UsagePartitionError(field, `the partitions of ${field} (${inner}) exceed it (${reported})`);
    }
    billed[type] = own;
  }
  return billed;
}

export interface CostLine {
  type: TokenType;
  tokens: number;
  ratePerMillion: string;
  cost: string;
}

export interface UsageCost {
  /** Exact USD (round only when storing). */
  cost: string;
  lines: CostLine[];
  /** Per-request fee included in cost, or null. */
  requestFee: string | null;
  /** The tier threshold the call's input exceeded, or null for base rates. */
  tierAboveInputTokens: number | null;
}

/** Σ over token types of tokens × that type's rate, the tier chosen by total input, plus the request fee. */
export function usageCost(usage: TokenUsage, price: Pick<PriceRow, 'rates' | 'tiers' | 'perRequest'>): UsageCost {
  validateUsage(usage);
  const { rates, aboveInputTokens } = selectTier(price, usage.input);
  const billed = billedTokens(usage, pricedTypes(rates));
  const lines: CostLine[] = [];
  const costs: Decimal[] = [];
  for (const type of TOKEN_TYPES) {
    const rate = rates[type];
    const tokens = billed[type];
    if (rate === null || tokens === undefined || tokens === 0) continue;
    const cost = shiftLeft(multiply(decimal(tokens), rateDecimal(rate)), 6);
    costs.push(cost);
    lines.push({ type, tokens, ratePerMillion: rate, cost: toDecimalString(cost) });
  }
  let total = sum(costs);
  if (price.perRequest !== null) total = add(total, decimal(price.perRequest));
  return { cost: toDecimalString(total), lines, requestFee: price.perRequest, tierAboveInputTokens: aboveInputTokens };
}
