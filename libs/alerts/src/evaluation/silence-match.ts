import { AlertRecord } from './alert-record';

export interface ActiveSilence {
  ownerId: string;
  appliesToAll: boolean;
  ruleId: string | null;
  agentId: string | null;
  severity: string | null;
}

/** A silence covers an alert of its owner's rules (an admin's: anyone's) when every given matcher matches. */
export function silenced(record: AlertRecord, silences: readonly ActiveSilence[]): boolean {
  return silences.some(
    (s) =>
      (s.appliesToAll || s.ownerId === record.ctx.ownerId) &&
      (s.ruleId === null || s.ruleId === record.ctx.ruleId) &&
      (s.agentId === null || s.agentId === record.ctx.agentId) &&
      (s.severity === null || s.severity === record.severity),
  );
}
