/**
 * The POST /api/ingest item shapes (API.md) that OTLP data is mapped to before it is written
 * through the ingest batch path. `timestamp` is ISO 8601 UTC.
 */
export interface IngestSampleItem {
  agentId: string;
  type: string;
  value: number;
  timestamp: string;
  metadata?: Record<string, unknown>;
}

/** Where a call sits in its run, as POST /api/ingest accepts it. */
export interface IngestCallPlacement {
  runId?: string;
  conversationId?: string;
}

export interface IngestLlmCallItem extends IngestCallPlacement {
  agentId: string;
  model: string;
  responseModel?: string;
  provider?: string;
  inputTokens: number;
  outputTokens: number;
  cacheReadInputTokens?: number;
  cacheCreationInputTokens?: number;
  cacheCreation5mInputTokens?: number;
  cacheCreation1hInputTokens?: number;
  reasoningOutputTokens?: number;
  audioInputTokens?: number;
  audioOutputTokens?: number;
  imageInputTokens?: number;
  latencyMs: number;
  timeToFirstTokenMs?: number;
  status: 'success' | 'error';
  errorType?: string;
  traceId?: string;
  timestamp: string;
}

export interface IngestToolCallItem extends IngestCallPlacement {
  agentId: string;
  tool: string;
  durationMs: number;
  status: 'success' | 'error';
  errorType?: string;
  traceId?: string;
  timestamp: string;
}

/** OTLP span ids of a call: POST /api/ingest does not take them, so they are set after validation. */
export interface SpanPlacement {
  spanId?: string;
  parentSpanId?: string;
}

/** A run as OTLP found it (RunItem of the ingest batch, with ISO timestamps). */
export interface OtlpRunItem {
  id: string;
  agentId: string;
  conversationId: string | null;
  name: string | null;
  status: 'running' | 'success' | 'error';
  startedAt: string;
  endedAt: string | null;
  metadata: Record<string, unknown> | null;
  traceId: string | null;
  spanId: string | null;
}

export interface IngestBatchItems {
  samples: IngestSampleItem[];
  llmCalls: IngestLlmCallItem[];
  toolCalls: IngestToolCallItem[];
  events: never[];
}
