import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { Clock, decodeCursor, encodeCursor, newId, Page, Principal } from '@fleetwatch/common';
import { ActivityLogService } from '../activity/activity-log.service';
import { AgentResponseDto, CreateAgentDto, ListAgentsQueryDto, UpdateAgentDto } from '../dto/agent.dto';
import { Agent } from '../entities/agent.entity';
import { AgentsError, AgentsErrorCode } from '../errors/agents.error';
import { AgentRepository } from '../repositories/agent.repository';
import { AgentStatusService } from './agent-status.service';

@Injectable()
export class AgentsService {
  constructor(
    private readonly em: EntityManager,
    private readonly agents: AgentRepository,
    private readonly status: AgentStatusService,
    private readonly activity: ActivityLogService,
    private readonly clock: Clock,
  ) {}

  /** The agent if the caller may see it; 404 otherwise, whether or not it exists. */
  async getVisible(id: string, principal: Principal): Promise<Agent> {
    const agent = await this.agents.findVisible(id, principal);
    if (!agent) throw AgentsError.agentNotFound(id);
    return agent;
  }

  async create(principal: Principal, dto: CreateAgentDto): Promise<AgentResponseDto> {
    const now = this.clock.now();
    const agent = await this.withUniqueName(dto.name, () =>
      this.em.transactional(async (tx) => {
        const created = tx.getRepository(Agent).create({
          id: newId(),
          ownerId: principal.userId,
          name: dto.name,
          description: dto.description ?? null,
          runtime: dto.runtime ?? null,
          model: dto.model ?? null,
          labels: dto.labels ?? {},
          status: 'stopped',
          statusChangedAt: now,
          lastSeenAt: null,
          createdAt: now,
          updatedAt: now,
        });
        await tx.flush();
        await this.status.recordInitial(tx, created);
        await this.activity.append(
          [
            {
              ownerId: created.ownerId,
              agentId: created.id,
              type: 'agent_created',
              message: `Agent "${created.name}" created`,
              metadata: { agentId: created.id },
              actor: principal.userId,
              ts: now,
            },
          ],
          tx,
        );
        return created;
      }),
    );
    return AgentResponseDto.from(agent);
  }

  async list(principal: Principal, query: ListAgentsQueryDto): Promise<Page<AgentResponseDto>> {
    const limit = query.limit ?? 50;
    const rows = await this.agents.listVisible(principal, { status: query.status }, limit + 1, decodeCursor(query.cursor));
    const last = rows.length > limit ? rows[limit - 1] : undefined;
    return {
      items: rows.slice(0, limit).map((a) => AgentResponseDto.from(a)),
      nextCursor: last ? encodeCursor({ at: last.createdAt.toISOString(), id: last.id }) : undefined,
    };
  }

  async get(principal: Principal, id: string): Promise<AgentResponseDto> {
    return AgentResponseDto.from(await this.getVisible(id, principal));
  }

  async update(principal: Principal, id: string, dto: UpdateAgentDto): Promise<AgentResponseDto> {
    const now = this.clock.now();
    const agent = await this.withUniqueName(dto.name ?? '', () =>
      this.em.transactional(async (tx) => {
        const found = await tx.getRepository(Agent).findVisible(id, principal, true);
        if (!found) throw AgentsError.agentNotFound(id);
        if (dto.name !== undefined) found.name = dto.name;
        if (dto.description !== undefined) found.description = dto.description;
        if (dto.labels !== undefined) found.labels = dto.labels;
        found.updatedAt = now;
        if (dto.status !== undefined) await this.status.change(tx, found, dto.status, principal.userId, now, 'set by user');
        await tx.flush();
        return found;
      }),
    );
    return AgentResponseDto.from(agent);
  }

  /** Deletes the agent, its deployments (cascade) and its telemetry, in one transaction. */
  async remove(principal: Principal, id: string): Promise<void> {
    await this.em.transactional(async (tx) => {
      const agents = tx.getRepository(Agent);
      const agent = await agents.findVisible(id, principal);
      if (!agent) throw AgentsError.agentNotFound(id);
      await agents.deleteTelemetry(agent.id);
      tx.remove(agent);
      await tx.flush();
    });
  }

  private async withUniqueName<T>(name: string, body: () => Promise<T>): Promise<T> {
    try {
      return await body();
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new AgentsError(AgentsErrorCode.AgentNameTaken, `an agent named "${name}" already exists`);
      }
      throw error;
    }
  }
}
