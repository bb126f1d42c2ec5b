import { Controller, Get, Query } from '@nestjs/common';
import { ApiForbiddenResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { HISTOGRAM_RELATIVE_ERROR } from '@fleetwatch/rollups';
import { RecentToolCallsQueryDto, ToolAnalyticsQueryDto, ToolCallResponseDto, ToolStatsResponseDto, ToolSummaryResponseDto } from '../dto/tool-analytics.dto';
import { ToolAnalyticsService } from '../services/tool-analytics.service';

const SCOPE_NOTE = 'Users see their own agents; admins everyone (or one user with user_id).';
const BOUND = `${(HISTOGRAM_RELATIVE_ERROR * 100).toFixed(3)} %`;
const PATH_NOTE =
  'Ranges up to 7 days whose raw rows are still retained read raw tool calls; longer or older ranges read the hourly ' +
  '(agent, tool) rollups, widened to whole hours.';

@ApiTags('analytics')
@Controller('analytics/tools')
export class ToolAnalyticsController {
  constructor(private readonly tools: ToolAnalyticsService) {}

  @Get('summary')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Overall tool usage',
    description: `Counts tool calls with ts in [start_date, end_date); successRate = successful / total; averageDurationMs = mean duration_ms. ${PATH_NOTE} ${SCOPE_NOTE}`,
  })
  @ApiOkResponse({ type: ToolSummaryResponseDto })
  @ApiForbiddenResponse({ description: 'user_id names another user.' })
  summary(@CurrentPrincipal() principal: Principal, @Query() query: ToolAnalyticsQueryDto): Promise<ToolSummaryResponseDto> {
    return this.tools.summary(principal, query);
  }

  @Get('by-tool')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Per-tool calls, rates, duration percentiles and commonest errors',
    description:
      'Sorted by calls (desc), then tool name. Exact path: percentiles are percentile_cont (linear interpolation between the two ' +
      'nearest ranks) over raw duration_ms. Histogram path (long or old ranges): percentiles are read by nearest rank from the ' +
      'merged hourly log-bucket histograms (bucket ratio 1.02) of the rollups, with the lowest and highest rank exact (the rollups ' +
      `keep min and max); each is within ${BOUND} (relative) of the exact nearest-rank percentile of the same calls. ` +
      '`percentiles` says which path answered. Error types are counted over error calls; a call without error_type counts as ' +
      '`unknown`. ' +
      `${PATH_NOTE} ${SCOPE_NOTE}`,
  })
  @ApiOkResponse({ type: ToolStatsResponseDto, isArray: true })
  byTool(@CurrentPrincipal() principal: Principal, @Query() query: ToolAnalyticsQueryDto): Promise<ToolStatsResponseDto[]> {
    return this.tools.byTool(principal, query);
  }

  @Get('recent')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Latest tool calls, newest first',
    description: `Raw rows only (default limit 50, max 100). Without start_date, everything still retained. ${SCOPE_NOTE}`,
  })
  @ApiOkResponse({ type: ToolCallResponseDto, isArray: true })
  recent(@CurrentPrincipal() principal: Principal, @Query() query: RecentToolCallsQueryDto): Promise<ToolCallResponseDto[]> {
    return this.tools.recent(principal, query);
  }
}
