/** Response shapes of the alert, rule, channel, silence and delivery routes. */
import type { Aggregation, AlertStatus, ChannelType, Comparator, NoData, Severity } from './types';

export interface Alert {
  id: string;
  ruleId: string;
  ruleName: string;
  agentId: string;
  status: AlertStatus;
  severity: Severity;
  value: number | null;
  threshold: number;
  startedAt: string;
  firedAt: string | null;
  acknowledgedAt: string | null;
  acknowledgedBy: string | null;
  resolvedAt: string | null;
  resolvedBy: string | null;
  note: string | null;
}
export interface AlertHistoryEntry {
  from: AlertStatus;
  to: AlertStatus;
  value: number | null;
  actor: string;
  note: string | null;
  at: string;
}
export interface Rule {
  id: string;
  ownerId: string;
  name: string;
  metric: string;
  aggregation: Aggregation;
  comparator: Comparator;
  threshold: number;
  windowMinutes: number;
  forMinutes: number;
  keepFiringForMinutes: number;
  noData: NoData;
  severity: Severity;
  agentId: string | null;
  channelIds: string[];
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}
export type RuleInput = Omit<Rule, 'id' | 'ownerId' | 'createdAt' | 'updatedAt'>;
export interface Channel {
  id: string;
  ownerId: string;
  name: string;
  type: ChannelType;
  url: string;
  hasSecret: boolean;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}
export interface ChannelTest {
  delivered: boolean;
  statusCode: number | null;
  latencyMs: number;
  error?: string;
}
export interface Silence {
  id: string;
  ownerId: string;
  matchers: { ruleId: string | null; agentId: string | null; severity: Severity | null };
  startsAt: string;
  endsAt: string;
  comment: string;
  state: 'pending' | 'active' | 'expired';
  createdAt: string;
}
export interface Delivery {
  id: string;
  alertId: string | null;
  channelId: string;
  channelType: ChannelType;
  event: string;
  status: 'pending' | 'delivered' | 'failed' | 'suppressed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  createdAt: string;
  deliveredAt: string | null;
}
export interface AlertsDashboard {
  byStatus: Record<AlertStatus, number>;
  bySeverity: Record<Severity, number>;
  noisiestRules: { ruleId: string; ruleName: string; fired: number }[];
  meanTimeToAcknowledgeSeconds: number | null;
  meanTimeToResolveSeconds: number | null;
  since: string;
}
