import { Body, Controller, Get, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBody, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Authenticated, CurrentPrincipal, PageQueryDto, Principal, uuidParam, Page, Paged } from '@fleetwatch/common';
import { CreateDeploymentDto, DeploymentResponseDto, UpdateDeploymentDto } from '../dto/deployment.dto';
import { DeploymentsService } from '../services/deployments.service';
import { ConfigurationBodyPipe } from './configuration-body.pipe';

@ApiTags('deployments')
@Controller()
export class DeploymentsController {
  constructor(private readonly deployments: DeploymentsService) {}

  @Post('agents/:id/deployments')
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({
    summary: 'Start a deployment (pending)',
    description: 'The agent becomes `queued`; the activity log gets `agent_deployed` (first) or `agent_redeployed`.',
  })
  @ApiCreatedResponse({ type: DeploymentResponseDto })
  @ApiNotFoundResponse({ description: 'Unknown agent, or not yours.' })
  create(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidParam('id')) agentId: string,
    @Body() dto: CreateDeploymentDto,
  ): Promise<DeploymentResponseDto> {
    return this.deployments.create(principal, agentId, dto);
  }

  @Get('agents/:id/deployments')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({ summary: "An agent's deployments, newest first" })
  @ApiOkResponse({ type: DeploymentResponseDto, isArray: true })
  @ApiNotFoundResponse({ description: 'Unknown agent, or not yours.' })
  @Paged()
  list(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidParam('id')) agentId: string,
    @Query() query: PageQueryDto,
  ): Promise<Page<DeploymentResponseDto>> {
    return this.deployments.list(principal, agentId, query);
  }

  @Patch('deployments/:id')
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({
    summary: 'Move a deployment along',
    description: 'in_progress sets the agent `deploying`, succeeded `running`, failed `error`; each change is logged as agent_status_changed.',
  })
  @ApiOkResponse({ type: DeploymentResponseDto })
  @ApiConflictResponse({ description: 'Illegal transition.' })
  @ApiNotFoundResponse()
  transition(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Body() dto: UpdateDeploymentDto,
  ): Promise<DeploymentResponseDto> {
    return this.deployments.transition(principal, id, dto);
  }

  @Get('deployments/:id/configuration')
  @Authenticated({ scope: 'monitoring:read' })
  @ApiOperation({ summary: "A deployment's configuration object" })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  @ApiNotFoundResponse()
  getConfiguration(@CurrentPrincipal() principal: Principal, @Param('id', uuidParam('id')) id: string): Promise<Record<string, unknown>> {
    return this.deployments.getConfiguration(principal, id);
  }

  @Put('deployments/:id/configuration')
  @Authenticated({ scope: 'agents:write' })
  @ApiOperation({ summary: 'Replace the configuration (only while pending)', description: 'The body is the configuration object itself.' })
  @ApiBody({ schema: { type: 'object', additionalProperties: true } })
  @ApiOkResponse({ schema: { type: 'object', additionalProperties: true } })
  @ApiConflictResponse({ description: 'The deployment is no longer pending.' })
  @ApiNotFoundResponse()
  replaceConfiguration(
    @CurrentPrincipal() principal: Principal,
    @Param('id', uuidParam('id')) id: string,
    @Body(ConfigurationBodyPipe) configuration: Record<string, unknown>,
  ): Promise<Record<string, unknown>> {
    return this.deployments.replaceConfiguration(principal, id, configuration);
  }
}
