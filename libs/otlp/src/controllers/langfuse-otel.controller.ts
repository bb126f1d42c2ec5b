import { Controller, HttpCode, Post, UseInterceptors } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBody,
  ApiConsumes,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiTooManyRequestsResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { OtlpTraceResponseDto } from '../dto/otlp-response.dto';
import { LANGFUSE_TRACES_DESCRIPTION } from '../http/otlp-api.docs';
import { OtlpBody } from '../http/otlp-payload.decorator';
import { OtlpResponseInterceptor } from '../http/otlp-response.interceptor';
import { OtlpExportResult, OtlpExportService, OtlpPayload } from '../services/otlp-export.service';

/**
 * Where Langfuse SDKs export (`<LANGFUSE_BASE_URL>/api/public/otel/v1/traces`), so a team moves
 * from Langfuse by changing the base URL: the same receiver as /api/otlp/v1/traces.
 */
@ApiTags('ingest')
@Controller('public/otel/v1')
@UseInterceptors(OtlpResponseInterceptor)
@ApiConsumes('application/x-protobuf', 'application/json')
@ApiProduces('application/x-protobuf', 'application/json')
@ApiBadRequestResponse({ description: 'Undecodable body or unsupported Content-Type (protobuf requests get a protobuf google.rpc.Status).' })
@ApiTooManyRequestsResponse({ description: 'Too many exports in flight; Retry-After says when to retry.' })
@ApiServiceUnavailableResponse({ description: 'Database unreachable; Retry-After says when to retry.' })
export class LangfuseOtelController {
  constructor(private readonly otlp: OtlpExportService) {}

  @Post('traces')
  @HttpCode(200)
  @Authenticated({ scope: 'ingest' })
  @ApiOperation({ summary: 'Langfuse-compatible OTLP/HTTP traces (Basic auth with a Fleetwatch API key)', description: LANGFUSE_TRACES_DESCRIPTION })
  @ApiBody({ description: 'An OTLP export request (protobuf or OTLP JSON).', schema: { type: 'object' } })
  @ApiOkResponse({ type: OtlpTraceResponseDto })
  traces(@CurrentPrincipal() principal: Principal, @OtlpBody() payload: OtlpPayload): Promise<OtlpExportResult> {
    return this.otlp.exportTraces(payload, principal);
  }
}
