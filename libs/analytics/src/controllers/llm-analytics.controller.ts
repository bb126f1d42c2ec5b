import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { LlmAnalyticsQueryDto, LlmModelStatsResponseDto } from '../dto/llm-analytics.dto';
import { LlmAnalyticsService } from '../services/llm-analytics.service';

@ApiTags('analytics')
@Controller('analytics/llm')
export class LlmAnalyticsController {
  constructor(private readonly llm: LlmAnalyticsService) {}

  @Get('by-model')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Per-model LLM calls, errors, latency and time-to-first-token percentiles',
    description:
      'LLM calls with ts in [start_date, end_date) (default the last 7 days), by the model asked for; sorted by calls (desc), then model. ' +
      'Percentiles are percentile_cont (linear interpolation between the two nearest ranks) over raw rows, so a range older than ' +
      'RAW_RETENTION_DAYS counts only what is still retained. timeToFirstTokenMs covers the streamed calls (those that reported ' +
      'timeToFirstTokenMs, or its OpenTelemetry equivalents). Users see their own agents; admins everyone (or one user with user_id).',
  })
  @ApiOkResponse({ type: LlmModelStatsResponseDto, isArray: true })
  @ApiForbiddenResponse({ description: 'user_id names another user.' })
  byModel(@CurrentPrincipal() principal: Principal, @Query() query: LlmAnalyticsQueryDto): Promise<LlmModelStatsResponseDto[]> {
    return this.llm.byModel(principal, query);
  }
}
