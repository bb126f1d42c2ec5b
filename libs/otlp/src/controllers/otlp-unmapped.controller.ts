import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { RecentUnmappedQueryDto, RecentUnmappedResponseDto } from '../dto/recent-unmapped.dto';
import { OtlpUnmappedService } from '../services/otlp-unmapped.service';

@ApiTags('ingest')
@Controller('otlp')
export class OtlpUnmappedController {
  constructor(private readonly unmapped: OtlpUnmappedService) {}

  @Get('recent-unmapped')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Span names OTLP received without a mapping in the last 24 h',
    description:
      'Every span that no supported convention (OpenTelemetry GenAI, Vercel AI SDK, OpenInference, OpenLLMetry, Langfuse) recognised is ' +
      'counted per caller and span name, with a sample of its attribute keys; the export that carried it was answered with a ' +
      '`partialSuccess` warning (`rejectedSpans: 0`). Owners see the spans their own credentials sent, admins everyone’s. Most ' +
      'frequent first.',
  })
  @ApiOkResponse({ type: RecentUnmappedResponseDto })
  @ApiBadRequestResponse({ description: '`hours` not an integer 1..24, or `limit` not an integer 1..500.' })
  recent(@CurrentPrincipal() principal: Principal, @Query() query: RecentUnmappedQueryDto): Promise<RecentUnmappedResponseDto> {
    return this.unmapped.recent(principal, query);
  }
}
