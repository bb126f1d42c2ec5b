import { Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { OtlpMetricsResponseDto, OtlpTraceResponseDto } from '../dto/otlp-response.dto';
import { OtlpExportResult, OtlpExportService, OtlpPayload } from '../services/otlp-export.service';
import { METRICS_DESCRIPTION, TRACES_DESCRIPTION } from '../http/otlp-api.docs';
import { OtlpBody } from '../http/otlp-payload.decorator';
import { OtlpResponseInterceptor } from '../http/otlp-response.interceptor';

const BODY = { description: 'An OTLP export request (protobuf or OTLP JSON).', schema: { type: 'object' } };

@ApiTags('ingest')
@Controller('otlp/v1')
@UseInterceptors(OtlpResponseInterceptor)
@ApiConsumes('application/x-protobuf', 'application/json')
@ApiProduces('application/x-protobuf', 'application/json')
@ApiBadRequestResponse({
  description:
    'Undecodable body or unsupported Content-Type. Errors of protobuf requests are a protobuf google.rpc.Status; of JSON requests, the usual JSON error.',
})
@ApiPayloadTooLargeResponse({ description: 'Body over BODY_LIMIT_MB (after gzip decompression) or more than INGEST_MAX_ITEMS items.' })
@ApiTooManyRequestsResponse({ description: 'Too many exports in flight; Retry-After says when to retry.' })
@ApiServiceUnavailableResponse({ description: 'Database unreachable; Retry-After says when to retry.' })
export class OtlpController {
  constructor(private readonly otlp: OtlpExportService) {}

  @Post('traces')
  @HttpCode(200)
  @Authenticated({ scope: 'ingest' })
  @ApiOperation({ summary: 'OTLP/HTTP traces: GenAI spans → LLM and tool calls', description: TRACES_DESCRIPTION })
  @ApiBody(BODY)
  @ApiOkResponse({ type: OtlpTraceResponseDto })
  traces(@CurrentPrincipal() principal: Principal, @OtlpBody() payload: OtlpPayload): Promise<OtlpExportResult> {
    return this.otlp.exportTraces(payload, principal);
  }

  @Post('metrics')
  @HttpCode(200)
  @Authenticated({ scope: 'ingest' })
  @ApiOperation({ summary: 'OTLP/HTTP metrics: GenAI and resource metrics → samples', description: METRICS_DESCRIPTION })
  @ApiBody(BODY)
  @ApiOkResponse({ type: OtlpMetricsResponseDto })
  metrics(@CurrentPrincipal() principal: Principal, @OtlpBody() payload: OtlpPayload): Promise<OtlpExportResult> {
    return this.otlp.exportMetrics(payload, principal);
  }
}
