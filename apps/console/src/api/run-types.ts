/** Response shapes of the runs and conversations routes (libs/runs). */
export type RunStatus = 'running' | 'success' | 'error';

/** Tokens by type: the cache, audio and image parts are inside input; reasoning and audio output inside output. */
export interface RunTokens {
  total: number;
  input: number;
  output: number;
  cacheRead: number;
  cacheCreation: number;
  cacheCreation5m: number;
  cacheCreation1h: number;
  reasoning: number;
  audioInput: number;
  audioOutput: number;
  imageInput: number;
}
export interface Run {
  key: string;
  id: string;
  agentId: string;
  conversationId: string | null;
  name: string | null;
  status: RunStatus;
  reported: boolean;
  startedAt: string;
  endedAt: string | null;
  durationMs: number;
  steps: number;
  llmCalls: number;
  toolCalls: number;
  errors: number;
  tokens: RunTokens;
  costUsd: number;
  firstCallAt: string | null;
  lastCallAt: string | null;
  traceId: string | null;
  spanId: string | null;
  metadata: Record<string, unknown> | null;
}
export interface RunCall {
  kind: 'llm' | 'tool';
  id: string;
  timestamp: string;
  status: 'success' | 'error';
  errorType: string | null;
  durationMs: number;
  spanId: string | null;
  parentSpanId: string | null;
  traceId: string | null;
  model?: string | null;
  responseModel?: string | null;
  provider?: string | null;
  tokens?: RunTokens;
  costUsd?: number;
  timeToFirstTokenMs?: number | null;
  tool?: string;
  children: RunCall[];
}
export interface RunDetail extends Run {
  calls: RunCall[];
  callsAvailable: number;
  callsTruncated: boolean;
}
export interface Conversation {
  conversationId: string;
  runs: number;
  runningRuns: number;
  steps: number;
  errors: number;
  tokens: RunTokens;
  costUsd: number;
  firstActivityAt: string;
  lastActivityAt: string;
}
