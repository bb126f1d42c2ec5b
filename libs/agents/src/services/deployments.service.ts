import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { canSee, Clock, decodeCursor, encodeCursor, newId, Page, PageQueryDto, Principal } from '@fleetwatch/common';
import { ActivityLogService } from '../activity/activity-log.service';
import { CreateDeploymentDto, DeploymentResponseDto, UpdateDeploymentDto } from '../dto/deployment.dto';
import { Agent } from '../entities/agent.entity';
import { Deployment } from '../entities/deployment.entity';
import { AgentsError, AgentsErrorCode } from '../errors/agents.error';
import { AgentRepository } from '../repositories/agent.repository';
import { DeploymentRepository } from '../repositories/deployment.repository';
import { AgentStatusService } from './agent-status.service';
import { AGENT_STATUS_FOR, canTransition } from './deployment-transitions';

@Injectable()
export class DeploymentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly agents: AgentRepository,
    private readonly deployments: DeploymentRepository,
    private readonly status: AgentStatusService,
    private readonly activity: ActivityLogService,
    private readonly clock: Clock,
  ) {}

  /** A pending deployment; the agent becomes `queued` and the log gets agent_deployed / agent_redeployed. */
  async create(principal: Principal, agentId: string, dto: CreateDeploymentDto): Promise<DeploymentResponseDto> {
    const now = this.clock.now();
    const deployment = await this.em.transactional(async (tx) => {
      // Locked so two concurrent deployments cannot both count zero and both log agent_deployed.
      const agent = await tx.getRepository(Agent).findVisible(agentId, principal, true);
      if (!agent) throw AgentsError.agentNotFound(agentId);
      const previous = await tx.getRepository(Deployment).countForAgent(agent.id);
      const created = tx.getRepository(Deployment).create({
        id: newId(),
        agentId: agent.id,
        environment: dto.environment,
        version: dto.version ?? null,
        configuration: dto.configuration,
        status: 'pending',
        error: null,
        createdAt: now,
        updatedAt: now,
        startedAt: null,
        finishedAt: null,
      });
      await tx.flush();
      const type = previous === 0 ? 'agent_deployed' : 'agent_redeployed';
      await this.activity.append(
        [
          {
            ownerId: agent.ownerId,
            agentId: agent.id,
            type,
            message: `Agent "${agent.name}" queued for deployment to ${dto.environment}${dto.version ? ` (version ${dto.version})` : ''}`,
            metadata: { agentId: agent.id, deploymentId: created.id, environment: dto.environment, version: dto.version ?? null },
            actor: principal.userId,
            ts: now,
          },
        ],
        tx,
      );
      await this.status.change(tx, agent, AGENT_STATUS_FOR.pending, principal.userId, now, `deployment ${created.id}`);
      await tx.flush();
      return created;
    });
    return DeploymentResponseDto.from(deployment);
  }

  async list(principal: Principal, agentId: string, query: PageQueryDto): Promise<Page<DeploymentResponseDto>> {
    const agent = await this.agents.findVisible(agentId, principal);
    if (!agent) throw AgentsError.agentNotFound(agentId);
    const limit = query.limit ?? 50;
    const rows = await this.deployments.listForAgent(agent.id, limit + 1, decodeCursor(query.cursor));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items: rows.slice(0, limit).map((d) => DeploymentResponseDto.from(d)),
      nextCursor: last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : undefined,
    };
  }

  async transition(principal: Principal, id: string, dto: UpdateDeploymentDto): Promise<DeploymentResponseDto> {
    if (dto.error !== undefined && dto.status !== 'failed') {
      throw new AgentsError(AgentsErrorCode.InvalidDeploymentUpdate, 'error is accepted only with status failed');
    }
    const now = this.clock.now();
    const deployment = await this.em.transactional(async (tx) => {
      const { deployment: found, agent } = await this.findVisible(tx, principal, id, true);
      if (!canTransition(found.status, dto.status)) {
        throw new AgentsError(AgentsErrorCode.IllegalTransition, `deployment ${id} cannot move from ${found.status} to ${dto.status}`);
      }
      found.status = dto.status;
      found.updatedAt = now;
      if (dto.status === 'in_progress') found.startedAt = now;
      if (dto.status === 'succeeded' || dto.status === 'failed') found.finishedAt = now;
      if (dto.status === 'failed') found.error = dto.error ?? found.error;
      // Only the agent's newest deployment speaks for the agent: an older one finishing late must
      // not overwrite the status a newer deployment has set.
      const newer = await tx.getRepository(Deployment).countNewerThan(agent.id, found.createdAt);
      if (newer === 0) {
        await this.status.change(tx, agent, AGENT_STATUS_FOR[dto.status], principal.userId, now, `deployment ${found.id} ${dto.status}`);
      }
      await tx.flush();
      return found;
    });
    return DeploymentResponseDto.from(deployment);
  }

  async getConfiguration(principal: Principal, id: string): Promise<Record<string, unknown>> {
    return (await this.findVisible(this.em, principal, id, false)).deployment.configuration;
  }

  /** Replaces the whole configuration; only while the deployment is still pending. */
  async replaceConfiguration(principal: Principal, id: string, configuration: Record<string, unknown>): Promise<Record<string, unknown>> {
    const now = this.clock.now();
    return this.em.transactional(async (tx) => {
      const { deployment } = await this.findVisible(tx, principal, id, true);
      if (deployment.status !== 'pending') {
        throw new AgentsError(AgentsErrorCode.ConfigurationLocked, `deployment ${id} is ${deployment.status}; its configuration can change only while pending`);
      }
      deployment.configuration = configuration;
      deployment.updatedAt = now;
      await tx.flush();
      return deployment.configuration;
    });
  }

  private async findVisible(em: EntityManager, principal: Principal, id: string, lock: boolean): Promise<{ deployment: Deployment; agent: Agent }> {
    const deployment = await em.getRepository(Deployment).findById(id, lock);
    // The agent is locked too: deployments of one agent moving at once must record its status changes in order.
    const agent = deployment ? await em.getRepository(Agent).findById(deployment.agentId, lock) : null;
    if (!deployment || !agent || !canSee(principal, agent.ownerId)) throw AgentsError.deploymentNotFound(id);
    return { deployment, agent };
  }
}
