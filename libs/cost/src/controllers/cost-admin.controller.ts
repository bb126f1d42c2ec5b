import { Body, Controller, HttpCode, Param, Post, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated } from '@fleetwatch/common';
import { ModelPriceDto } from '../dto/model-price.dto';
import { PriceAdminService } from '../services/price-admin.service';
import { RepriceDto, RepriceResultDto } from '../dto/reprice.dto';
import { PutModelPriceDto } from '../dto/put-model-price.dto';
import { COST_FORMULA, PRICE_RESOLUTION } from './cost-formulas';
import { RepriceService } from '../services/reprice.service';

@ApiTags('cost')
@Controller()
export class CostAdminController {
  constructor(
    private readonly prices: PriceAdminService,
    private readonly repricing: RepriceService,
  ) {}

  @Put('cost/models/:model')
  @Authenticated({ admin: true, userSession: true })
  @ApiOperation({
    summary: 'Add an admin price version for a model (every rate, tiers, per-request fee)',
    description:
      'A new version applying from `effectiveFrom` (default now) that wins over the catalogue for every owner without their own price; earlier versions are kept, so calls before that instant keep their price. ' +
      'The same model, provider and effectiveFrom again replaces that version. Rates left out (or null) have no separate rate: those tokens are billed inside their parent type. ' +
      '400 naming the field for a negative or non-numeric rate, tiers not strictly ascending, a tier pricing other token types than the base, or a rate without the rate of the type it lies inside ' +
      '(e.g. cacheWrite1hPer1M without cacheWrite5mPer1M). Stored call costs change only through POST /api/admin/cost/reprice. ' +
      COST_FORMULA +
      ' ' +
      PRICE_RESOLUTION,
  })
  @ApiOkResponse({ type: ModelPriceDto })
  putPrice(@Param('model') model: string, @Body() dto: PutModelPriceDto): Promise<ModelPriceDto> {
    return this.prices.addVersion(model, dto);
  }

  @Post('admin/cost/reprice')
  @HttpCode(200)
  @Authenticated({ admin: true, userSession: true })
  @ApiOperation({
    summary: 'Recompute stored computed costs in a time range',
    description:
      'Every LLM call in [from, to) whose cost was computed (rate_source model or fallback) is priced again with the version in force at its timestamp ' +
      '(or the fallback), in keyset batches of 1000 with one update statement each; client-supplied costs are untouched, and a call stored without a provider takes the matched price’s provider. ' +
      'Each rewritten call’s per-type cost split is rewritten with its cost, and a priced call stored without a split gets it filled in (not counted as changed). ' +
      'Answers the calls scanned, the calls rewritten and costDelta = Σ(new − old cost) over the rewritten calls, summed as exact decimals (numeric(20, 10)) before conversion to a JSON number.',
  })
  @ApiOkResponse({ type: RepriceResultDto })
  reprice(@Body() dto: RepriceDto): Promise<RepriceResultDto> {
    return this.repricing.reprice(dto);
  }
}
