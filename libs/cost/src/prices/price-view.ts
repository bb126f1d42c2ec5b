import { emptyRates, TOKEN_TYPES, type PriceTier, type TokenRates, type TokenType } from '../pricing/catalogue.types';
import { PRICE_KEY_OF, ratesProblem } from '../pricing/token-units';
import { CostError } from '../errors/cost.error';
import type { ModelPriceDto, PriceTierDto } from '../dto/model-price.dto';
import type { PriceRatesBodyDto, PriceRatesDto } from '../dto/price-rates.dto';
import type { PutModelPriceDto } from '../dto/put-model-price.dto';
import type { StoredPrice } from './stored-price';

type RateField = keyof PriceRatesDto;

/** The HTTP name of each token type's rate. */
export const RATE_FIELD_OF: Readonly<Record<TokenType, RateField>> = Object.fromEntries(TOKEN_TYPES.map((t) => [t, `${t}Per1M`])) as Record<
  TokenType,
  RateField
>;

const num = (rate: string | null): number | null => (rate === null ? null : Number(rate));

function ratesDto(rates: TokenRates): PriceRatesDto {
  const out = {} as Record<RateField, number | null>;
  for (const type of TOKEN_TYPES) out[RATE_FIELD_OF[type]] = num(rates[type]);
  return out;
}

export function toModelPriceDto(v: StoredPrice): ModelPriceDto {
  return {
    model: v.model,
    provider: v.provider,
    ...ratesDto(v.rates),
    tiers: v.tiers.map((t): PriceTierDto => ({ aboveInputTokens: t.aboveInputTokens, ...ratesDto(t.rates) })),
    perRequest: num(v.perRequest),
    timeOfDay: v.timeOfDay,
    otherPrices: v.otherPrices,
    source: v.source,
    catalogueVersion: v.catalogueVersion,
    effectiveFrom: v.effectiveFrom,
  };
}

/** A rates problem in the catalogue's key names, told in the HTTP field names. */
function fieldProblem(problem: string, prefix: string): string {
  let text = problem;
  for (const type of TOKEN_TYPES) text = text.replace(new RegExp(`\\b${PRICE_KEY_OF[type]}\\b`, 'g'), prefix + RATE_FIELD_OF[type]);
  return text;
}

function bodyRates(body: PriceRatesBodyDto, prefix: string): TokenRates {
  const rates = emptyRates();
  for (const type of TOKEN_TYPES) {
    const value = body[RATE_FIELD_OF[type]];
    rates[type] = value === undefined || value === null ? null : String(value);
  }
  const problem = ratesProblem(rates);
  // Pricing would otherwise find these tokens nowhere to go, or bill an overlap twice.
  if (problem)
    throw CostError.invalidPrice(
      `${fieldProblem(problem, prefix)}: a rate needs a rate for the type it lies inside, and two overlapping rates need their overlap's`,
    );
  return rates;
}

/** The rates, tiers and fee of a PUT body, checked beyond its DTO: consistent types, ascending tiers. */
export function pricesFromBody(dto: PutModelPriceDto): { rates: TokenRates; tiers: PriceTier[]; perRequest: string | null } {
  const rates = bodyRates(dto, '');
  const tiers = (dto.tiers ?? []).map((tier, i): PriceTier => {
    const prefix = `tiers[${i}].`;
    const previous = dto.tiers?.[i - 1];
    if (previous && tier.aboveInputTokens <= previous.aboveInputTokens) {
      throw CostError.invalidPrice(
        `${prefix}aboveInputTokens (${tier.aboveInputTokens}) must be greater than tiers[${i - 1}].aboveInputTokens (${previous.aboveInputTokens})`,
      );
    }
    const tierRates = bodyRates(tier, prefix);
    for (const type of TOKEN_TYPES) {
      // A tier replaces every base rate, so a type priced in one and not the other would change how tokens are split.
      if ((tierRates[type] === null) !== (rates[type] === null)) {
        const field = RATE_FIELD_OF[type];
        throw CostError.invalidPrice(
          `${prefix}${field} must be ${rates[type] === null ? 'absent, as' : 'set, as'} ${field} is in the base rates (a tier prices the same token types)`,
        );
      }
    }
    return { aboveInputTokens: tier.aboveInputTokens, rates: tierRates };
  });
  return { rates, tiers, perRequest: dto.perRequest === undefined || dto.perRequest === null ? null : String(dto.perRequest) };
}
