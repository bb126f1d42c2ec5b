/** Per model, the version with the greatest effective_from not after ?. */
export const PRICES_IN_FORCE_SQL = `select distinct on (model) * from model_prices where effective_from <= ? order by model, effective_from desc`;
