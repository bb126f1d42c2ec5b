import { Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { OtlpTraceResponseDto } from '../dto/otlp-response.dto';
import { LANGFUSE_TRACES_DESCRIPTION } from '../http/otlp-api.docs';
import { OtlpBody } from '../http/otlp-payload.decorator';
import { OTLP_BODY, OtlpReceiver } from '../http/otlp-receiver.decorator';
import { OtlpExportResult, OtlpExportService, OtlpPayload } from '../services/otlp-export.service';

/**
 * Where Langfuse SDKs export (`<LANGFUSE_BASE_URL>/api/public/otel/v1/traces`), so a team moves
 * from Langfuse by changing the base URL: the same receiver as /api/otlp/v1/traces.
 */
@Controller('public/otel/v1')
@OtlpReceiver()
export class LangfuseOtelController {
  constructor(private readonly otlp: OtlpExportService) {}

  @Post('traces')
  @HttpCode(200)
  @Authenticated({ scope: 'ingest' })
  @ApiOperation({ summary: 'Langfuse-compatible OTLP/HTTP traces (Basic auth with a Fleetwatch API key)', description: LANGFUSE_TRACES_DESCRIPTION })
  @ApiBody(OTLP_BODY)
  @ApiOkResponse({ type: OtlpTraceResponseDto })
  traces(@CurrentPrincipal() principal: Principal, @OtlpBody() payload: OtlpPayload): Promise<OtlpExportResult> {
    return this.otlp.exportTraces(payload, principal);
  }
}
