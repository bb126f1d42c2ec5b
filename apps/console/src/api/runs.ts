import { request, requestPage } from './client';
import type { Conversation, Run, RunDetail, RunStatus } from './run-types';

export const RUNS_PAGE = 20;

export const runsApi = {
  list: (agentId: string, status: RunStatus | undefined, cursor: string | undefined) =>
    requestPage<Run>(`/api/agents/${agentId}/runs`, { query: { status, cursor, limit: RUNS_PAGE } }),
  get: (key: string) => request<RunDetail>(`/api/runs/${encodeURIComponent(key)}`),
  conversations: (agentId: string, cursor: string | undefined) =>
    requestPage<Conversation>(`/api/agents/${agentId}/conversations`, { query: { cursor, limit: RUNS_PAGE } }),
};
