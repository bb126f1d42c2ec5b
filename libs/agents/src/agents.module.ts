import { MikroOrmModule } from '@mikro-orm/nestjs';
import { Module } from '@nestjs/common';
import { ActivityLogService } from './activity/activity-log.service';
import { AgentsController } from './controllers/agents.controller';
import { DeploymentsController } from './controllers/deployments.controller';
import { Agent } from './entities/agent.entity';
import { AgentStatusChange } from './entities/agent-status-change.entity';
import { Deployment } from './entities/deployment.entity';
import { AgentOwnershipService } from './services/agent-ownership.service';
import { AgentStatusService } from './services/agent-status.service';
import { AgentsService } from './services/agents.service';
import { DeploymentsService } from './services/deployments.service';

@Module({
  imports: [MikroOrmModule.forFeature([Agent, AgentStatusChange, Deployment])],
  controllers: [AgentsController, DeploymentsController],
  providers: [ActivityLogService, AgentOwnershipService, AgentStatusService, AgentsService, DeploymentsService],
  exports: [ActivityLogService, AgentOwnershipService, AgentStatusService, AgentsService, MikroOrmModule],
})
export class AgentsModule {}
