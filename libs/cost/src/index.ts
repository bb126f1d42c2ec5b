export { CostModule } from './cost.module';
export { PriceBook } from './prices/price-book.service';
export type { NewPriceVersion } from './prices/price-book.service';
export { ModelPriceDto } from './prices/dto/model-price.dto';
export { costFromPrice, fallbackCost, roundCost } from './prices/price-resolution';
export type { CallToPrice, PricedCall, PriceVersion, RateSource } from './prices/price-resolution';
