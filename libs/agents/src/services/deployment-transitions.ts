import type { AgentStatus } from '../entities/agent.entity';
import type { DeploymentStatus } from '../entities/deployment.entity';

const ALLOWED: Record<DeploymentStatus, readonly DeploymentStatus[]> = {
  pending: ['in_progress', 'failed'],
  in_progress: ['succeeded', 'failed'],
  succeeded: [],
  failed: [],
};

/** The agent status a deployment status implies. */
export const AGENT_STATUS_FOR: Record<DeploymentStatus, AgentStatus> = {
  pending: 'queued',
  in_progress: 'deploying',
  succeeded: 'running',
  failed: 'error',
};

export function canTransition(from: DeploymentStatus, to: DeploymentStatus): boolean {
  return ALLOWED[from].includes(to);
}
