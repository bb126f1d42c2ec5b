import { Controller, Get, Query } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, Page, Paged } from '@fleetwatch/common';
import { ModelPriceDto, ModelPricesQueryDto } from '../dto/model-price.dto';
import { PriceAdminService } from '../services/price-admin.service';
import { CostError } from '../errors/cost.error';
import { COST_FORMULA, PRICE_RESOLUTION } from './cost-formulas';

@ApiTags('cost')
@Controller('cost/models')
export class ModelPricesController {
  constructor(private readonly prices: PriceAdminService) {}

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Model prices: the catalogue and admin overrides, every rate and tier',
    description:
      'By default the version in force now of each (source, provider, model, time-of-day window); `at` picks another instant, `history=true` lists every version. ' +
      'Owners’ own prices are private: see GET /api/cost/my-prices. Newest effectiveFrom first; paged with limit and cursor, X-Next-Cursor carries the next page. ' +
      'Rates are USD per 1M tokens; null means the type has no separate rate and its tokens are billed inside their parent type. ' +
      COST_FORMULA +
      ' ' +
      PRICE_RESOLUTION,
  })
  @ApiOkResponse({ type: ModelPriceDto, isArray: true })
  @Paged()
  list(@Query() query: ModelPricesQueryDto): Promise<Page<ModelPriceDto>> {
    const history = query.history === 'true';
    if (history && query.at !== undefined) throw CostError.invalidPeriod('at and history=true cannot be combined');
    return this.prices.list(
      { at: history ? null : query.at ? new Date(query.at) : undefined, provider: query.provider, model: query.model, source: query.source },
      query,
    );
  }
}
