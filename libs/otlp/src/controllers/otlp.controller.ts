import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { OtlpMetricsResponseDto, OtlpTraceResponseDto } from '../dto/otlp-response.dto';
import { OtlpExportResult, OtlpExportService, OtlpPayload } from '../services/otlp-export.service';
import { METRICS_DESCRIPTION, TRACES_DESCRIPTION } from '../http/otlp-api.docs';
import { OtlpBody } from '../http/otlp-payload.decorator';
import { OTLP_BODY, OtlpReceiver } from '../http/otlp-receiver.decorator';

@Controller('otlp/v1')
@OtlpReceiver()
export class OtlpController {
  constructor(private readonly otlp: OtlpExportService) {}

  @Post('traces')
  @HttpCode(200)
  @Authenticated({ scope: 'ingest' })
  @ApiOperation({ summary: 'OTLP/HTTP traces: GenAI spans → LLM and tool calls', description: TRACES_DESCRIPTION })
  @ApiBody(OTLP_BODY)
  @ApiOkResponse({ type: OtlpTraceResponseDto })
  traces(@CurrentPrincipal() principal: Principal, @OtlpBody() payload: OtlpPayload): Promise<OtlpExportResult> {
    return this.otlp.exportTraces(payload, principal);
  }

  @Post('metrics')
  @HttpCode(200)
  @Authenticated({ scope: 'ingest' })
  @ApiOperation({ summary: 'OTLP/HTTP metrics: GenAI and resource metrics → samples', description: METRICS_DESCRIPTION })
  @ApiBody(OTLP_BODY)
  @ApiOkResponse({ type: OtlpMetricsResponseDto })
  metrics(@CurrentPrincipal() principal: Principal, @OtlpBody() payload: OtlpPayload): Promise<OtlpExportResult> {
    return this.otlp.exportMetrics(payload, principal);
  }
}
