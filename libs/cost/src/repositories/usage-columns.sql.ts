/**
 * The per-type token columns of llm_calls (and, summed under the same names, of rollup_llm_hourly),
 * and the sums the usage routes read. A call is unpriced when no model price matched and the
 * fallback rate priced it (rate_source 'fallback').
 */
export const TOKEN_TYPE_COLUMNS = [
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation_5m_input_tokens',
  'cache_creation_1h_input_tokens',
  'reasoning_output_tokens',
  'audio_input_tokens',
  'audio_output_tokens',
  'image_input_tokens',
] as const;
export type TokenTypeColumn = (typeof TOKEN_TYPE_COLUMNS)[number];

export const UNPRICED_COLUMNS = ['unpriced_calls', 'unpriced_input_tokens', 'unpriced_output_tokens'] as const;

/** Numeric text from PostgreSQL for each token type and unpriced figure. */
export type TokenTypeSums = Record<TokenTypeColumn | (typeof UNPRICED_COLUMNS)[number], string>;

const FALLBACK = `l.rate_source = 'fallback'`;

/** Sums over raw calls `l`. */
export const CALL_TYPE_SUMS = [
  ...TOKEN_TYPE_COLUMNS.map((c) => `coalesce(sum(l.${c}), 0) as ${c}`),
  `count(*) filter (where ${FALLBACK}) as unpriced_calls`,
  `coalesce(sum(l.input_tokens) filter (where ${FALLBACK}), 0) as unpriced_input_tokens`,
  `coalesce(sum(l.output_tokens) filter (where ${FALLBACK}), 0) as unpriced_output_tokens`,
].join(', ');

/** The same sums over hourly rollups `r`, which store them per hour. */
export const ROLLUP_TYPE_SUMS = [...TOKEN_TYPE_COLUMNS, ...UNPRICED_COLUMNS].map((c) => `coalesce(sum(r.${c}), 0) as ${c}`).join(', ');

/** Each call's own columns, for the request list and the export. */
export const CALL_TYPE_COLUMNS = [...TOKEN_TYPE_COLUMNS.map((c) => `l.${c}`), 'l.response_model', 'l.price_source', 'l.price_version'].join(', ');
