import { Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal } from '@fleetwatch/common';
import {
  UsageAggregateDto,
  UsageAggregateQueryDto,
  UsageCostsDto,
  UsageCostsQueryDto,
  UsageExportQueryDto,
  UsageRequestsPageDto,
  UsageRequestsQueryDto,
} from '../dto/usage.dto';
import { UsageExportService } from '../services/usage-export.service';
import { UsageService } from '../services/usage.service';

@ApiTags('usage')
@Controller('usage')
export class UsageController {
  constructor(
    private readonly usage: UsageService,
    private readonly exports: UsageExportService,
  ) {}

  @Get('aggregate')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Requests, tokens and cost of a period, with budget progress',
    description:
      'Over your agents’ LLM calls (admins: all). Token types (cacheReadInputTokens, ...) are parts of inputTokens / outputTokens as in POST /api/ingest; ' +
      '`unpriced` counts the calls priced with the fallback rate (no model price matched). costUsd sums each call’s stored cost, priced by token type. Budget progress is month-to-date over the agents with a budget: percentUsed = their month-to-date cost / the sum of their monthlyUsd × 100; ' +
      'status is the worst per-agent status (`exceeded` from 100 %, `warning` from the agent’s soft threshold).',
  })
  @ApiOkResponse({ type: UsageAggregateDto })
  aggregate(@CurrentPrincipal() principal: Principal, @Query() query: UsageAggregateQueryDto): Promise<UsageAggregateDto> {
    return this.usage.aggregate(principal, query);
  }

  @Get('costs')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Cost by model, agent and day, with a month-end projection',
    description:
      'Sums of the cost stored on each call (Σ over token types of tokens × that type’s rate, at ingest or the last reprice). byModel adds each token type ' +
      'and `unpriced` (calls of that model priced with COST_FALLBACK_PER_1K because no price matched, and their tokens), so a fallback is never mistaken for a price. Projection (always the current UTC month): daily rate = month-to-date cost / fractional days elapsed since the month began; ' +
      'projected month = daily rate × days in the month (a straight line; no seasonality).',
  })
  @ApiOkResponse({ type: UsageCostsDto })
  costs(@CurrentPrincipal() principal: Principal, @Query() query: UsageCostsQueryDto): Promise<UsageCostsDto> {
    return this.usage.costs(principal, query);
  }

  @Get('export')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'Download the LLM calls of a period (CSV or JSON)',
    description:
      'Streamed oldest first in keyset batches of 1000 rows; `Content-Disposition: attachment`. CSV headers and JSON keys are the same column names: ' +
      'timestamp, id, agent_id, agent_name, model, response_model, provider, input_tokens, output_tokens, total_tokens (input + output), cache_read_input_tokens, ' +
      'cache_creation_input_tokens, cache_creation_5m_input_tokens, cache_creation_1h_input_tokens, reasoning_output_tokens, audio_input_tokens, audio_output_tokens, ' +
      'image_input_tokens, latency_ms, status, error_type, cost_usd, rate_source, price_source (owner|admin|catalogue, empty for client/fallback), price_version, trace_id. ' +
      'Shares the export slots of GET /api/analytics/export: at most a third of DATABASE_POOL_MAX downloads per server and EXPORT_MAX_PER_USER ' +
      '(default 2) per user run at once; past either, 429 with Retry-After. A download whose client reads nothing for EXPORT_IDLE_TIMEOUT_SECONDS ' +
      '(default 30), or still running after EXPORT_MAX_SECONDS (default 3600), is cut off and its slot freed. In CSV, a text cell (model, agent name, ' +
      "error type, ...) starting with =, +, -, @, tab or carriage return gets a leading apostrophe ('=1+1 for =1+1), so a spreadsheet shows it " +
      'as text instead of running it as a formula (OWASP CSV injection); number columns stay numbers. JSON carries values unchanged.',
  })
  @ApiProduces('text/csv', 'application/json')
  @ApiOkResponse({ description: 'The file.' })
  export(@CurrentPrincipal() principal: Principal, @Query() query: UsageExportQueryDto): Promise<StreamableFile> {
    return this.exports.export(principal, query);
  }

  @Get('requests')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'LLM calls, newest first, paged',
    description:
      '`page` (from 1) and `per_page` (default 50, max 500); total counts every visible call. Each call carries every token type, the response model, ' +
      'rateSource (model|fallback|client), priceSource (owner|admin|catalogue) and priceVersion (catalogue version).',
  })
  @ApiOkResponse({ type: UsageRequestsPageDto })
  requests(@CurrentPrincipal() principal: Principal, @Query() query: UsageRequestsQueryDto): Promise<UsageRequestsPageDto> {
    return this.usage.requests(principal, query);
  }
}
