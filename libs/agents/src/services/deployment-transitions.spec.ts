import { DEPLOYMENT_STATUSES, DeploymentStatus } from '../entities/deployment.entity';
import { AGENT_STATUS_FOR, canTransition } from './deployment-transitions';

describe('deployment transitions', () => {
  const allowed: Array<[DeploymentStatus, DeploymentStatus]> = [
    ['pending', 'in_progress'],
    ['pending', 'failed'],
    ['in_progress', 'succeeded'],
    ['in_progress', 'failed'],
  ];

  it('allows exactly pending → in_progress|failed and in_progress → succeeded|failed', () => {
    for (const from of DEPLOYMENT_STATUSES) {
      for (const to of DEPLOYMENT_STATUSES) {
        const expected = allowed.some(([f, t]) => f === from && t === to);
        expect([from, to, canTransition(from, to)]).toEqual([from, to, expected]);
      }
    }
  });

  it('never allows staying in the same status or leaving a finished deployment', () => {
    for (const status of DEPLOYMENT_STATUSES) expect(canTransition(status, status)).toBe(false);
    for (const to of DEPLOYMENT_STATUSES) {
      expect(canTransition('succeeded', to)).toBe(false);
      expect(canTransition('failed', to)).toBe(false);
    }
  });

  it('maps each deployment status to the agent status it implies', () => {
    expect(AGENT_STATUS_FOR).toEqual({ pending: 'queued', in_progress: 'deploying', succeeded: 'running', failed: 'error' });
  });
});
