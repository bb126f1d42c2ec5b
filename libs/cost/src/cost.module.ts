import { Module } from '@nestjs/common';
import { ModelPriceRepository } from './prices/model-price.repository';
import { ModelPricesController } from './prices/model-prices.controller';
import { PriceBook } from './prices/price-book.service';

/** Prices: the versioned model price table and the PriceBook that prices calls at ingest. */
@Module({
  controllers: [ModelPricesController],
  providers: [ModelPriceRepository, PriceBook],
  exports: [PriceBook],
})
export class CostModule {}
