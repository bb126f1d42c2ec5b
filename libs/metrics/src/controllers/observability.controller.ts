import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { ObservabilityMetricsDto, ObservabilityQueryDto } from '../dto/observability.dto';
import { ObservabilityService } from '../services/observability.service';

@ApiTags('observability (seed 003)')
@Controller('v1/agents/:account/:name/observability')
export class ObservabilityController {
  constructor(private readonly observability: ObservabilityService) {}

  @Get('metrics')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Bucketed trace metrics of an agent',
    description:
      '`account` is the owner’s username (another account → 403; admins may read any, unknown → 404); `name` the agent’s name ' +
      '(unknown → 404). Buckets are contiguous, zero-filled, `interval` minutes wide (default 60) and aligned to multiples of the ' +
      'interval since the Unix epoch; they cover [start_time, end_time) (default the last 24 h) widened to whole buckets, and ' +
      'time_range gives those bucket edges. Per bucket, from raw LLM and tool calls: trace_count = distinct trace ids (a call ' +
      'without one is its own trace; a trace spanning buckets counts in each), avg_latency_ms = mean LLM latency (rounded to 2 ' +
      'decimals), input/output_tokens = sums over LLM calls, error_count = LLM and tool calls with status error. More than 10,000 ' +
      'buckets → 400.',
  })
  @ApiOkResponse({ type: ObservabilityMetricsDto })
  @ApiBadRequestResponse({ description: 'Bad start_time, end_time or interval; start not before end; more than 10,000 buckets.' })
  @ApiNotFoundResponse({ description: 'Unknown agent name (or, for admins, account).' })
  metrics(
    @CurrentPrincipal() principal: Principal,
    @Param('account') account: string,
    @Param('name') name: string,
    @Query() query: ObservabilityQueryDto,
  ): Promise<ObservabilityMetricsDto> {
    return this.observability.metrics(principal, account, name, query);
  }
}
