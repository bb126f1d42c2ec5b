import { Body, Controller, Delete, Get, HttpCode, Param, ParseUUIDPipe, Put } from '@nestjs/common';
import { ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { BudgetDto, PutBudgetDto } from '../dto/budget.dto';
import { BudgetsService } from '../services/budgets.service';

@ApiTags('cost')
@Controller('agents')
export class BudgetsController {
  constructor(private readonly budgets: BudgetsService) {}

  @Put(':id/budget')
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({
    summary: 'Set an agent’s monthly budget',
    description:
      'Month-to-date = stored LLM cost since the start of the UTC month. A job (every BUDGET_CHECK_INTERVAL_SECONDS) writes `budget_warning` once per month when it reaches ' +
      'softThresholdPct % of monthlyUsd and, with hardCap, stops the agent and writes `budget_paused` once per month when it reaches monthlyUsd. Telemetry is still accepted.',
  })
  @ApiOkResponse({ type: BudgetDto })
  @ApiNotFoundResponse({ description: 'Unknown agent, or not yours.' })
  put(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string, @Body() dto: PutBudgetDto): Promise<BudgetDto> {
    return this.budgets.put(principal, id, dto);
  }

  @Get(':id/budget')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({ summary: 'An agent’s budget and month-to-date progress', description: 'percentUsed = monthToDateUsd / monthlyUsd × 100 (two decimals).' })
  @ApiOkResponse({ type: BudgetDto })
  @ApiNotFoundResponse({ description: 'Unknown agent, not yours, or no budget set.' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<BudgetDto> {
    return this.budgets.get(principal, id);
  }

  @Delete(':id/budget')
  @HttpCode(204)
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({ summary: 'Remove an agent’s budget' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Unknown agent, not yours, or no budget set.' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.budgets.remove(principal, id);
  }
}
