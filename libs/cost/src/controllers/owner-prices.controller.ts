import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Page, Paged, Principal } from '@fleetwatch/common';
import { ModelPriceDto, OwnerPricesQueryDto } from '../dto/model-price.dto';
import { PutModelPriceDto } from '../dto/put-model-price.dto';
import { RepriceDto, RepriceResultDto } from '../dto/reprice.dto';
import { OwnerPricesService } from '../services/owner-prices.service';
import { COST_FORMULA, PRICE_RESOLUTION } from './cost-formulas';

const WHO =
  'Your own prices apply to the LLM calls of agents you own, and to no one else’s; an admin here acts as a user, for their own agents. ' +
  'A user session, or an API key with the agents:write scope (the scope of the other cost writes, such as PUT /api/agents/:id/budget); listing needs monitoring:read.';

@ApiTags('cost')
@Controller('cost/my-prices')
export class OwnerPricesController {
  constructor(private readonly prices: OwnerPricesService) {}

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Your own model prices',
    description: `${WHO} Every version you set, newest effectiveFrom first (\`at\`: only those in force then); paged with limit and cursor, X-Next-Cursor carries the next page.`,
  })
  @ApiOkResponse({ type: ModelPriceDto, isArray: true })
  @Paged()
  list(@CurrentPrincipal() principal: Principal, @Query() query: OwnerPricesQueryDto): Promise<Page<ModelPriceDto>> {
    return this.prices.list(principal, query);
  }

  @Put(':model')
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({
    summary: 'Set your own negotiated price for a model, from effectiveFrom',
    description:
      `${WHO} Same body and checks as PUT /api/cost/models/:model; wins over admin overrides and the catalogue for your agents from effectiveFrom (default now). ` +
      'Stored costs change only when repriced: POST /api/cost/my-prices/reprice. ' +
      COST_FORMULA +
      ' ' +
      PRICE_RESOLUTION,
  })
  @ApiOkResponse({ type: ModelPriceDto })
  put(@CurrentPrincipal() principal: Principal, @Param('model') model: string, @Body() dto: PutModelPriceDto): Promise<ModelPriceDto> {
    return this.prices.put(principal, model, dto);
  }

  @Delete(':model')
  @HttpCode(204)
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({
    summary: 'Remove every version of your price for a model',
    description: `${WHO} Your calls are priced by the admin override or the catalogue again once repriced (POST /api/cost/my-prices/reprice).`,
  })
  @ApiNoContentResponse({ description: 'Deleted.' })
  @ApiNotFoundResponse({ description: 'You have no price for that model.' })
  remove(@CurrentPrincipal() principal: Principal, @Param('model') model: string): Promise<void> {
    return this.prices.remove(principal, model);
  }

  @Post('reprice')
  @HttpCode(200)
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({
    summary: 'Recompute the stored costs of your agents’ calls in a time range',
    description:
      `${WHO} As POST /api/admin/cost/reprice, limited to calls of agents you own: every call in [from, to) with a computed cost (rate_source model or fallback) is priced again with the prices as they are now ` +
      '(yours, else admin, else catalogue, each the version in force at the call’s timestamp); client-supplied costs are untouched. ' +
      'Answers {scanned, changed, costDelta = Σ(new − old cost) of the rewritten calls}, e.g. after setting 1 / 2 for a model billed 3 / 6 before, one call of 1,000 in and 1,000 out gives costDelta = 0.003 − 0.009 = −0.006.',
  })
  @ApiOkResponse({ type: RepriceResultDto })
  reprice(@CurrentPrincipal() principal: Principal, @Body() dto: RepriceDto): Promise<RepriceResultDto> {
    return this.prices.reprice(principal, dto);
  }
}
