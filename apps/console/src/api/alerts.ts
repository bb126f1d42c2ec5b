import { request } from './client';
import type {
  Alert,
  AlertHistoryEntry,
  AlertsDashboard,
  AlertStatus,
  Channel,
  ChannelTest,
  ChannelType,
  Delivery,
  RuleInput,
  Rule,
  Severity,
  Silence,
} from './types';

export interface ChannelInput {
  name: string;
  type: ChannelType;
  url: string;
  secret?: string;
  enabled: boolean;
}
export interface SilenceInput {
  matchers: { ruleId?: string; agentId?: string; severity?: Severity };
  endsAt: string;
  comment: string;
}

export const alertsApi = {
  list: (status?: AlertStatus, agentId?: string, limit = 200) => request<Alert[]>('/api/alerts', { query: { status, agentId, limit } }),
  history: (id: string) => request<AlertHistoryEntry[]>(`/api/alerts/${id}/history`),
  acknowledge: (id: string, note?: string) => request<Alert>(`/api/alerts/${id}/acknowledge`, { method: 'POST', body: note ? { note } : {} }),
  resolve: (id: string, note?: string) => request<Alert>(`/api/alerts/${id}/resolve`, { method: 'POST', body: note ? { note } : {} }),
  dashboard: () => request<AlertsDashboard>('/api/alerts/dashboard'),
  rules: () => request<Rule[]>('/api/alerts/rules', { query: { limit: 500 } }),
  createRule: (body: RuleInput) => request<Rule>('/api/alerts/rules', { method: 'POST', body }),
  updateRule: (id: string, body: Partial<RuleInput>) => request<Rule>(`/api/alerts/rules/${id}`, { method: 'PATCH', body }),
  deleteRule: (id: string) => request<void>(`/api/alerts/rules/${id}`, { method: 'DELETE' }),
  channels: () => request<Channel[]>('/api/alerts/channels', { query: { limit: 500 } }),
  createChannel: (body: ChannelInput) => request<Channel>('/api/alerts/channels', { method: 'POST', body }),
  updateChannel: (id: string, body: Partial<Omit<ChannelInput, 'type'>>) => request<Channel>(`/api/alerts/channels/${id}`, { method: 'PATCH', body }),
  deleteChannel: (id: string) => request<void>(`/api/alerts/channels/${id}`, { method: 'DELETE' }),
  testChannel: (id: string) => request<ChannelTest>(`/api/alerts/channels/${id}/test`, { method: 'POST' }),
  deliveries: () => request<Delivery[]>('/api/alerts/deliveries', { query: { limit: 100 } }),
  silences: () => request<Silence[]>('/api/alerts/silences', { query: { limit: 500 } }),
  createSilence: (body: SilenceInput) => request<Silence>('/api/alerts/silences', { method: 'POST', body }),
  expireSilence: (id: string) => request<void>(`/api/alerts/silences/${id}`, { method: 'DELETE' }),
};
