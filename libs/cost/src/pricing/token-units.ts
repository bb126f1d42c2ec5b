import { TOKEN_TYPES, type TokenRates, type TokenType } from './catalogue.types';

/**
 * The token types Fleetwatch meters, each described by dimensions the way the catalogue's unit
 * registry does: a type is a partition of every type whose dimensions are a subset of its own
 * (cacheReadAudio lies inside cacheRead, inside audioInput and inside input). Pricing carves each
 * priced partition out of its parents, so a type without its own rate stays in its parent.
 */
type Dimensions = Readonly<Record<string, string>>;

const IN = { direction: 'input', family: 'tokens' } as const;
const OUT = { direction: 'output', family: 'tokens' } as const;

export const TOKEN_DIMENSIONS: Readonly<Record<TokenType, Dimensions>> = {
  input: IN,
  cacheRead: { ...IN, token_type: 'cache_read' },
  // Priced by cache_write_mtok and measured by the total of all cache writes.
  cacheWrite5m: { ...IN, token_type: 'cache_write' },
  cacheWrite1h: { ...IN, token_type: 'cache_write', cache_ttl: '1h' },
  audioInput: { ...IN, modality: 'audio' },
  imageInput: { ...IN, modality: 'image' },
  cacheReadAudio: { ...IN, token_type: 'cache_read', modality: 'audio' },
  cacheReadImage: { ...IN, token_type: 'cache_read', modality: 'image' },
  output: OUT,
  reasoning: { ...OUT, token_type: 'reasoning' },
  audioOutput: { ...OUT, modality: 'audio' },
};

/** The catalogue's price keys for the metered types (all per million tokens). */
export const PRICE_KEY_OF: Readonly<Record<TokenType, string>> = {
  input: 'input_mtok',
  output: 'output_mtok',
  cacheRead: 'cache_read_mtok',
  cacheWrite5m: 'cache_write_mtok',
  cacheWrite1h: 'cache_write_1h_mtok',
  audioInput: 'input_audio_mtok',
  audioOutput: 'output_audio_mtok',
  cacheReadAudio: 'cache_audio_read_mtok',
  imageInput: 'input_image_mtok',
  cacheReadImage: 'cache_image_read_mtok',
  reasoning: 'output_reasoning_mtok',
};

export const REQUEST_PRICE_KEY = 'requests_kcount';

function partitionOf(inner: TokenType, outer: TokenType): boolean {
  if (inner === outer) return false;
  const a = TOKEN_DIMENSIONS[inner];
  return Object.entries(TOKEN_DIMENSIONS[outer]).every(([k, v]) => a[k] === v);
}

/** Every (inner, outer) answer, computed once: pricing asks it many times per call on the ingest path. */
const PARTITIONS: ReadonlySet<string> = new Set(
  TOKEN_TYPES.flatMap((inner) => TOKEN_TYPES.filter((outer) => partitionOf(inner, outer)).map((outer) => `${inner}>${outer}`)),
);

/** `inner` is a strict partition of `outer`. */
export function isPartitionOf(inner: TokenType, outer: TokenType): boolean {
  return PARTITIONS.has(`${inner}>${outer}`);
}

function compatible(a: Dimensions, b: Dimensions): boolean {
  return Object.entries(a).every(([k, v]) => b[k] === undefined || b[k] === v);
}

function typeWithDimensions(d: Dimensions): TokenType | undefined {
  const key = JSON.stringify(Object.entries(d).sort(([x], [y]) => x.localeCompare(y)));
  return TOKEN_TYPES.find((t) => JSON.stringify(Object.entries(TOKEN_DIMENSIONS[t]).sort(([x], [y]) => x.localeCompare(y))) === key);
}

export function pricedTypes(rates: TokenRates): TokenType[] {
  return TOKEN_TYPES.filter((t) => rates[t] !== null);
}

/**
 * Why a set of rates cannot be applied without guessing, or null. Mirrors the catalogue's own
 * checks: every parent of a priced type is priced (else its tokens have no rate to fall back to),
 * and two overlapping priced types have their overlap priced (else it would be charged twice).
 */
export function ratesProblem(rates: TokenRates): string | null {
  const priced = pricedTypes(rates);
  for (const t of priced) {
    for (const parent of TOKEN_TYPES) {
      if (isPartitionOf(t, parent) && rates[parent] === null) return `${PRICE_KEY_OF[t]} without ${PRICE_KEY_OF[parent]}`;
    }
  }
  for (let i = 0; i < priced.length; i++) {
    for (let j = i + 1; j < priced.length; j++) {
      const a = priced[i];
      const b = priced[j];
      if (isPartitionOf(a, b) || isPartitionOf(b, a)) continue;
      const da = TOKEN_DIMENSIONS[a];
      const db = TOKEN_DIMENSIONS[b];
      if (!compatible(da, db)) continue;
      const join = typeWithDimensions({ ...da, ...db });
      if (join === undefined) return `${PRICE_KEY_OF[a]} and ${PRICE_KEY_OF[b]} overlap in a type Fleetwatch does not meter`;
      if (rates[join] === null) return `${PRICE_KEY_OF[a]} and ${PRICE_KEY_OF[b]} without ${PRICE_KEY_OF[join]}`;
    }
  }
  return null;
}
