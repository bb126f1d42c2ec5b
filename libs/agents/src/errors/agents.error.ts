import { DomainError, DomainErrorKind } from '@fleetwatch/common';

export enum AgentsErrorCode {
  AgentNotFound = 'agent_not_found',
  AgentNameTaken = 'agent_name_taken',
  DeploymentNotFound = 'deployment_not_found',
  IllegalTransition = 'illegal_transition',
  ConfigurationLocked = 'configuration_locked',
  InvalidDeploymentUpdate = 'invalid_deployment_update',
}

const KIND: Record<AgentsErrorCode, DomainErrorKind> = {
  [AgentsErrorCode.AgentNotFound]: 'not_found',
  [AgentsErrorCode.AgentNameTaken]: 'conflict',
  [AgentsErrorCode.DeploymentNotFound]: 'not_found',
  [AgentsErrorCode.IllegalTransition]: 'conflict',
  [AgentsErrorCode.ConfigurationLocked]: 'conflict',
  [AgentsErrorCode.InvalidDeploymentUpdate]: 'bad_request',
};

export class AgentsError extends DomainError {
  constructor(code: AgentsErrorCode, message: string) {
    super(KIND[code], code, message);
  }

  static agentNotFound(id: string): AgentsError {
    return new AgentsError(AgentsErrorCode.AgentNotFound, `agent ${id} not found`);
  }

  static deploymentNotFound(id: string): AgentsError {
    return new AgentsError(AgentsErrorCode.DeploymentNotFound, `deployment ${id} not found`);
  }
}
