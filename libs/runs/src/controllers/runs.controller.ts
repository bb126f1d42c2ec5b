import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Page, Paged, Principal, uuidParam } from '@fleetwatch/common';
import { ConversationDto, RunDetailDto, RunResponseDto } from '../dto/run.dto';
import { ConversationsQueryDto, RunLookupQueryDto, RunsQueryDto } from '../dto/runs-query.dto';
import { RunsService } from '../services/runs.service';

const RUN_FIGURES =
  'Each run: status, duration, steps (LLM calls + tool calls), tokens by type, cost and errors, kept on the run itself by ingest, ' +
  'so they remain after the raw calls pass RAW_RETENTION_DAYS.';

@ApiTags('runs')
@Controller()
export class RunsController {
  constructor(private readonly runs: RunsService) {}

  @Get('agents/:id/runs')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: "An agent's runs, newest first",
    description:
      'A run is one execution of an agent task: sent in POST /api/ingest `runs[]`, or made from OpenTelemetry spans (a root agent/workflow span, else a trace). ' +
      `${RUN_FIGURES} Filters: status, conversationId, started in [from, to), minCostUsd. Paged by limit and cursor (X-Next-Cursor).`,
  })
  @ApiOkResponse({ type: RunResponseDto, isArray: true })
  @ApiNotFoundResponse({ description: 'Unknown agent, or not yours.' })
  @Paged()
  list(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) agentId: string, @Query() query: RunsQueryDto): Promise<Page<RunResponseDto>> {
    return this.runs.list(principal, agentId, query);
  }

  @Get('runs/:id')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: 'One run with its calls',
    description:
      'Run ids are yours and unique only within an agent, so a run is addressed either by its generated `key` (`GET /api/runs/{key}`, as the run lists show it) ' +
      'or by your id with its agent (`GET /api/runs/{your id}?agentId={agent}`). ' +
      `${RUN_FIGURES} \`calls\`: its LLM and tool calls in time order (at most 5,000), each with spanId / parentSpanId; a call whose parent span is another ` +
      "of its calls is nested in that call's `children`. Past raw retention `calls` is empty and the totals remain.",
  })
  @ApiParam({ name: 'id', description: 'The run key (UUID), or your run id together with `agentId`.' })
  @ApiOkResponse({ type: RunDetailDto })
  @ApiBadRequestResponse({ description: 'agentId is not a UUID.' })
  @ApiNotFoundResponse({ description: 'Unknown run or agent, or not yours.' })
  get(@CurrentPrincipal() principal: Principal, @Param('id') id: string, @Query() query: RunLookupQueryDto): Promise<RunDetailDto> {
    return this.runs.get(principal, id, query);
  }

  @Get('agents/:id/conversations')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({
    summary: "An agent's conversations, latest activity first",
    description:
      'Runs grouped by conversationId (runs without one are not listed): number of runs, steps, errors, tokens by type, cost, first activity ' +
      '(earliest run start) and last activity (latest run end, last call or start). Paged by limit and cursor (X-Next-Cursor).',
  })
  @ApiOkResponse({ type: ConversationDto, isArray: true })
  @ApiNotFoundResponse({ description: 'Unknown agent, or not yours.' })
  @Paged()
  conversations(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidParam('id')) agentId: string,
    @Query() query: ConversationsQueryDto,
  ): Promise<Page<ConversationDto>> {
    return this.runs.conversations(principal, agentId, query);
  }
}
