export * from './catalogue.types';
export { loadCatalogue, normalizeCatalogue, packageVersion, CATALOGUE_PACKAGE } from './catalogue.source';
export { resolveModel, catalogueMatch, catalogueProviderId, matchesRule, type ModelToResolve, type ResolvedModel } from './model-match';
export { priceInForce } from './price-in-force';
export { selectTier } from './price-tier';
export { usageCost, validateUsage, UsagePartitionError, USAGE_FIELD_NAMES, type TokenUsage, type UsageCost, type CostLine } from './usage-cost';
export { PriceBook, type CallToPrice, type CallPrice } from './call-pricing';
export { roundTo, decimal, toDecimalString } from './exact-decimal';
