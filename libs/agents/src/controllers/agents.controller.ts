import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiConflictResponse, ApiCreatedResponse, ApiNoContentResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, Principal, uuidParam, Page, Paged } from '@fleetwatch/common';
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
  @Paged()
  list(@CurrentPrincipal() principal: Principal, @Query() query: ListAgentsQueryDto): Promise<Page<AgentResponseDto>> {
    return this.agents.list(principal, query);
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
