import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Authenticated, CurrentPrincipal, NEXT_CURSOR_HEADER, Principal, uuidParam } from '@fleetwatch/common';
import { AgentResponseDto, CreateAgentDto, ListAgentsQueryDto, UpdateAgentDto } from '../dto/agent.dto';
import { AgentsService } from '../services/agents.service';

@ApiTags('agents')
@Controller('agents')
export class AgentsController {
  constructor(private readonly agents: AgentsService) {}

  @Post()
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({ summary: 'Register an agent', description: 'New agents are `stopped`. The name is unique per owner (409).' })
  @ApiCreatedResponse({ type: AgentResponseDto })
  @ApiConflictResponse({ description: 'Name already used by another of your agents.' })
  create(@CurrentPrincipal() principal: Principal, @Body() dto: CreateAgentDto): Promise<AgentResponseDto> {
    return this.agents.create(principal, dto);
  }

  @Get()
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({ summary: 'Your agents (admins: everyone’s), newest first', description: 'Paged with limit and cursor; X-Next-Cursor carries the next page.' })
  @ApiOkResponse({ type: AgentResponseDto, isArray: true })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: ListAgentsQueryDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<AgentResponseDto[]> {
    const page = await this.agents.list(principal, query);
    if (page.nextCursor) void reply.header(NEXT_CURSOR_HEADER, page.nextCursor);
    return page.items;
  }

  @Get(':id')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOkResponse({ type: AgentResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  get(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string): Promise<AgentResponseDto> {
    return this.agents.get(principal, id);
  }

  @Patch(':id')
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({ summary: 'Update name, description, labels or status' })
  @ApiOkResponse({ type: AgentResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  update(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string, @Body() dto: UpdateAgentDto): Promise<AgentResponseDto> {
    return this.agents.update(principal, id, dto);
  }

  @Delete(':id')
  @HttpCode(204)
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({ summary: 'Delete an agent with its deployments and telemetry' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ description: 'Unknown, or not yours.' })
  async remove(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string): Promise<void> {
    await this.agents.remove(principal, id);
  }
}
