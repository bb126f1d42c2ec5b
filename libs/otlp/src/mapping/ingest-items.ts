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

export interface IngestLlmCallItem {
  agentId: string;
  model: string;
  provider?: string;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  status: 'success' | 'error';
  errorType?: string;
  traceId?: string;
  timestamp: string;
}

export interface IngestToolCallItem {
  agentId: string;
  tool: string;
  durationMs: number;
  status: 'success' | 'error';
  errorType?: string;
  traceId?: string;
  timestamp: string;
}

export interface IngestBatchItems {
  samples: IngestSampleItem[];
  llmCalls: IngestLlmCallItem[];
  toolCalls: IngestToolCallItem[];
  events: never[];
}
