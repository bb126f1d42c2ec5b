import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@fleetwatch/common';
import { ModelPriceDto, ModelPricesQueryDto } from '../dto/model-price.dto';
import { PriceBook } from '../services/price-book.service';

@ApiTags('cost')
@Controller('cost/models')
export class ModelPricesController {
  constructor(private readonly prices: PriceBook) {}

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Model price table (the versions in force)',
    description:
      'One row per model: the version with the greatest effectiveFrom not after `at` (default now); older versions are kept ' +
      'but not listed here. Ships with a dated table of list prices (libs/cost/src/prices/data/model-prices.json). ' +
      'LLM call cost at ingest = (inputTokens × inputPer1M + outputTokens × outputPer1M) / 1,000,000 with the version in force at ' +
      'the call’s timestamp; model names match exactly first, then case-insensitively; an unknown model costs ' +
      'COST_FALLBACK_PER_1K × (input + output tokens) / 1000; a client-sent costUsd wins.',
  })
  @ApiOkResponse({ type: ModelPriceDto, isArray: true })
  list(@Query() query: ModelPricesQueryDto): Promise<ModelPriceDto[]> {
    return this.prices.list(query.at ? new Date(query.at) : undefined);
  }
}
