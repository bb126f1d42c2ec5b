import { Controller, Get, Query } from '@nestjs/common';
import { ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import {
  CompareDeploymentsQueryDto,
  DeploymentComparisonResponseDto,
  DeploymentMetricsPointDto,
  DeploymentMetricsQueryDto,
  DeploymentSummaryQueryDto,
  DeploymentSummaryResponseDto,
} from '../dto/deployment-analytics.dto';
import { DeploymentAnalyticsService } from '../services/deployment-analytics.service';

const SCOPE_NOTE = "Users see their own agents' deployments; admins everyone's.";

@ApiTags('analytics')
@Controller('analytics/deployments')
export class DeploymentAnalyticsController {
  constructor(private readonly deployments: DeploymentAnalyticsService) {}

  @Get('summary')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Deployment counts by status, success rate and durations',
    description:
      'Over deployments created in the last `days` days (default 30). successRate = succeeded / (succeeded + failed). ' +
      `Durations are finishedAt − startedAt in ms over finished deployments that started; p50/p95 by percentile_cont. ${SCOPE_NOTE}`,
  })
  @ApiOkResponse({ type: DeploymentSummaryResponseDto })
  summary(@CurrentPrincipal() principal: Principal, @Query() query: DeploymentSummaryQueryDto): Promise<DeploymentSummaryResponseDto> {
    return this.deployments.summary(principal, query);
  }

  @Get('metrics')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Deployments over time',
    description:
      'One point per UTC day, ISO week (starting Monday) or calendar month, contiguous from the bucket holding now − days to the one ' +
      'holding now (empty buckets count 0, successRate null). Deployments are bucketed by createdAt; the first bucket only counts ' +
      `deployments inside the window. successRate = succeeded / (succeeded + failed). ${SCOPE_NOTE}`,
  })
  @ApiOkResponse({ type: DeploymentMetricsPointDto, isArray: true })
  metrics(@CurrentPrincipal() principal: Principal, @Query() query: DeploymentMetricsQueryDto): Promise<DeploymentMetricsPointDto[]> {
    return this.deployments.metrics(principal, query);
  }

  @Get('compare')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Compare two deployments: configuration diff, outcomes, telemetry 24 h before and after each finish',
    description:
      'configurationDiff goes from a to b with dotted paths (objects walked key by key; arrays compared whole). For each finished ' +
      "deployment, `before` covers [finishedAt − 24 h, finishedAt) and `after` [finishedAt, finishedAt + 24 h) of its agent's raw " +
      'telemetry: errorRate = (LLM errors + tool errors) / (LLM calls + tool calls); llmLatencyP95Ms = percentile_cont(0.95) of ' +
      'latency_ms; costPerCall = sum(cost_usd) / LLM calls. Rates and p95 are null without calls. Windows older than raw retention read as empty.',
  })
  @ApiOkResponse({ type: DeploymentComparisonResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown deployment, or not yours.' })
  compare(@CurrentPrincipal() principal: Principal, @Query() query: CompareDeploymentsQueryDto): Promise<DeploymentComparisonResponseDto> {
    return this.deployments.compare(principal, query);
  }
}
