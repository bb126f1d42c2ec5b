import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { AgentCostDto, AgentCostQueryDto } from '../dto/agent-cost.dto';
import { AgentCostService } from '../services/agent-cost.service';
import { COST_FORMULA, PRICE_RESOLUTION } from './cost-formulas';

@ApiTags('cost')
@Controller('agents')
export class AgentCostController {
  constructor(private readonly costs: AgentCostService) {}

  @Get(':id/cost')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Token cost of one agent, by model (seed 004)',
    description:
      'Sums the cost stored on each LLM call in the period (priced at ingest with the price in force at the call’s timestamp, a client-sent cost kept as is, ' +
      'COST_FALLBACK_PER_1K for models without a price; see PUT /api/cost/models and POST /api/admin/cost/reprice). ' +
      'Rows are grouped by model, provider, rate_source, price_source (owner, admin, catalogue) and price_version (the catalogue version); calls without a model appear as `Unknown model`. total_cost = token_cost. ' +
      'Each row carries its calls and its tokens by type (cache reads, cache writes with the 5m / 1h split, reasoning, audio, image), which are parts of input_tokens / output_tokens, not additions. ' +
      'costs_by_type splits each row’s token_cost by token type: every call stores its own split when it is priced (its tier and price version), the parts rounded to 10 decimals ' +
      'with the remainder on the largest so they add up to the call’s cost exactly, and the row sums them as exact decimals; null for client-supplied and fallback costs. ' +
      '`unpriced` counts the calls, tokens and models priced with the fallback (rate_source fallback), so an estimate is not mistaken for a price. ' +
      COST_FORMULA +
      ' ' +
      PRICE_RESOLUTION +
      ' ' +
      'Limit: read from raw LLM calls, kept RAW_RETENTION_DAYS (30 by default); a period reaching further back counts only retained calls.',
  })
  @ApiOkResponse({ type: AgentCostDto })
  @ApiNotFoundResponse({ description: 'Unknown agent, or not yours.' })
  cost(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Query() query: AgentCostQueryDto): Promise<AgentCostDto> {
    return this.costs.cost(principal, id, query);
  }
}
