import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { HISTOGRAM_RELATIVE_ERROR } from '@fleetwatch/rollups';
import { catalogDescription } from '../timeseries/metric-catalog';
import { TimeseriesQueryDto, TimeseriesResponseDto } from '../dto/timeseries.dto';
import { MAX_POINTS, TimeseriesService } from '../services/timeseries.service';

@ApiTags('analytics')
@Controller('analytics/timeseries')
export class TimeseriesController {
  constructor(private readonly timeseries: TimeseriesService) {}

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Chart points for a sample type or a derived LLM/tool metric',
    description:
      `Derived metrics: ${catalogDescription()}. Any other name is a sample type (avg/sum/min/max/count/p50/p95/p99, default avg). ` +
      'Buckets are aligned to multiples of interval since the Unix epoch (UTC): the first holds start, the last holds end, so ' +
      'the range is widened to whole buckets; rows count where bucket start ≤ ts < bucket end. Every bucket is returned: an empty ' +
      'one is 0 for sum and count and null for the others. When interval is a whole number of hours the points come from the ' +
      'hourly rollups, which outlive raw rows (retention): sums, counts, min and max are exact, avg is sum/count, and p50/p95/p99 ' +
      `are nearest-rank reads of the merged histograms, within ${(HISTOGRAM_RELATIVE_ERROR * 100).toFixed(3)} % (relative) of the exact ` +
      'nearest-rank value. Rollups trail raw rows by up to one rollup tick (a minute). Other intervals read raw rows (percentiles by ' +
      'percentile_cont). `source` forces one path. ' +
      `At most ${MAX_POINTS} points: more is a 400.`,
  })
  @ApiOkResponse({ type: TimeseriesResponseDto })
  @ApiBadRequestResponse({ description: 'Bad parameter, an aggregation the metric does not support, or too many points.' })
  @ApiNotFoundResponse({ description: 'agentId unknown or not yours.' })
  series(@CurrentPrincipal() principal: Principal, @Query() query: TimeseriesQueryDto): Promise<TimeseriesResponseDto> {
    return this.timeseries.series(principal, query);
  }
}
