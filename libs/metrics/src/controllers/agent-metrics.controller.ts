import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { AgentMetricRecordDto, AgentMetricsQueryDto, AgentMetricsSummaryDto } from '../dto/agent-metrics.dto';
import { AgentMetricsService } from '../services/agent-metrics.service';

@ApiTags('agent metrics (seed 004)')
@Controller('agents/:id/metrics')
export class AgentMetricsController {
  constructor(private readonly agentMetrics: AgentMetricsService) {}

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Raw metric records of an agent',
    description:
      'Records with recorded_at in [since, until] (default the 24 h before until; until defaults to now): the newest ' +
      '`limit` of them (default 1,000, max 10,000), returned oldest first. Samples appear with their own type. LLM and tool calls appear as derived types, one ' +
      'record per call each: `tokens` (input + output tokens), `llm_latency_ms`, `cost_usd` (metadata: model, provider, ' +
      'input_tokens, output_tokens, status, trace_id, and rate_source for cost) and `tool_duration_ms` (metadata: tool, status, ' +
      'error_type, trace_id); their id is the call’s id. Without `type`, every sample and every derived record; with a derived ' +
      'type, those records plus any sample of the same name. Raw rows only: nothing older than raw retention.',
  })
  @ApiOkResponse({ type: AgentMetricRecordDto, isArray: true })
  @ApiBadRequestResponse({ description: 'Bad type, since, until or limit; since after until.' })
  @ApiNotFoundResponse({ description: 'Unknown agent, or not yours.' })
  records(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: AgentMetricsQueryDto,
  ): Promise<AgentMetricRecordDto[]> {
    return this.agentMetrics.records(principal, id, query);
  }

  @Get('summary')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Totals of an agent’s LLM use',
    description:
      'total_tokens = Σ (input + output tokens), total_requests = number of LLM calls, avg_response_ms = Σ latency / calls, over ' +
      'all stored history: hourly rollups (kept past raw retention) for hours before the previous hour, raw calls from the start ' +
      'of the previous hour on; late data for older hours counts once the rollup job has run (every minute). last_active_at: the ' +
      'newest raw sample, LLM call or tool call (null without any).',
  })
  @ApiOkResponse({ type: AgentMetricsSummaryDto })
  @ApiNotFoundResponse({ description: 'Unknown agent, or not yours.' })
  summary(@CurrentPrincipal() principal: Principal, @Param('id', ParseUUIDPipe) id: string): Promise<AgentMetricsSummaryDto> {
    return this.agentMetrics.summary(principal, id);
  }
}
