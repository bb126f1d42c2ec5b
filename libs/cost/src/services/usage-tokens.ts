import type { TokenTypeCountsDto, UnpricedUsageDto } from '../dto/usage-tokens.dto';
import { TOKEN_TYPE_COLUMNS, TokenTypeSums, UNPRICED_COLUMNS } from '../repositories/usage-columns.sql';

type TokenTypeValues = { [K in keyof TokenTypeSums]: string | number };

/** The per-type token fields of a summed row (or of one call's row). */
export function tokenTypesOf(r: Omit<TokenTypeValues, 'unpriced_calls' | 'unpriced_input_tokens' | 'unpriced_output_tokens'>): TokenTypeCountsDto {
  return {
    cacheReadInputTokens: Number(r.cache_read_input_tokens),
    cacheCreationInputTokens: Number(r.cache_creation_input_tokens),
    cacheCreation5mInputTokens: Number(r.cache_creation_5m_input_tokens),
    cacheCreation1hInputTokens: Number(r.cache_creation_1h_input_tokens),
    reasoningOutputTokens: Number(r.reasoning_output_tokens),
    audioInputTokens: Number(r.audio_input_tokens),
    audioOutputTokens: Number(r.audio_output_tokens),
    imageInputTokens: Number(r.image_input_tokens),
  };
}

export function unpricedOf(r: Pick<TokenTypeValues, 'unpriced_calls' | 'unpriced_input_tokens' | 'unpriced_output_tokens'>): UnpricedUsageDto {
  return { requests: Number(r.unpriced_calls), inputTokens: Number(r.unpriced_input_tokens), outputTokens: Number(r.unpriced_output_tokens) };
}

/** Adds the type and unpriced sums of two rows (the rollup part and the raw part of a long period). */
export function addSums(a: TokenTypeSums, b: TokenTypeSums): TokenTypeSums {
  const keys = [...TOKEN_TYPE_COLUMNS, ...UNPRICED_COLUMNS];
  return Object.fromEntries(keys.map((k) => [k, String(Number(a[k]) + Number(b[k]))])) as TokenTypeSums;
}
