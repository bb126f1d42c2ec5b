import { Body, Controller, Headers, HttpCode, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBody,
  ApiConflictResponse,
  ApiHeader,
  ApiNotFoundResponse,
  ApiOperation,
  ApiPayloadTooLargeResponse,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import { IngestAcceptedResponseDto, IngestRequestDto } from '../dto/ingest-request.dto';
import { IngestService } from '../services/ingest.service';

@ApiTags('ingest')
@Controller('ingest')
export class IngestController {
  constructor(private readonly ingest: IngestService) {}

  @Post()
  @HttpCode(202)
  @Authenticated({ scope: 'ingest' })
  @ApiOperation({
    summary: 'Send telemetry: samples, LLM calls, tool calls, events',
    description:
      'All or nothing. Counts in `accepted` are the items stored per kind. Each LLM call stores cost_usd and rate_source: the ' +
      'client’s costUsd (`client`), else (inputTokens × inputPer1M + outputTokens × outputPer1M) / 1,000,000 with the model price ' +
      'in force at the call’s timestamp (`model`; exact name, then case-insensitive), else COST_FALLBACK_PER_1K × (input + output ' +
      'tokens) / 1000 (`fallback`). Every agentId must be the caller’s (admins: any agent). Sets the agents’ last_seen_at to now. ' +
      'Events are written to the activity log with actor `agent`.',
  })
  @ApiBody({ type: IngestRequestDto })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Same key and body within 24 h: the first answer, nothing stored again.' })
  @ApiAcceptedResponse({ type: IngestAcceptedResponseDto })
  @ApiBadRequestResponse({
    description:
      'Invalid items, named by path (`samples[3].value must be a finite number`, `samples[0].value must be <= 1000000000000000`, ' +
      '`llmCalls[2].model must not contain NUL or unpaired surrogates`); nothing stored.',
  })
  @ApiNotFoundResponse({ description: 'An agentId that is unknown or not yours (named); nothing stored.' })
  @ApiConflictResponse({
    description:
      'The first request with this Idempotency-Key is still in flight (`idempotency_key_in_flight`), or an agent changed owner while an admin’s batch was stored (`agents_changed`); nothing stored, send it again.',
  })
  @ApiUnprocessableEntityResponse({ description: 'Idempotency-Key reused with another body.' })
  @ApiPayloadTooLargeResponse({ description: 'More than INGEST_MAX_ITEMS items, or a body over BODY_LIMIT_MB.' })
  post(@CurrentPrincipal() principal: Principal, @Body() body: unknown, @Headers('idempotency-key') key?: string): Promise<IngestAcceptedResponseDto> {
    return this.ingest.ingest(body, principal, key);
  }
}
