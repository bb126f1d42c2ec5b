/**
 * A validated, normalized ingest batch: every item carries a resolved timestamp and explicit
 * nulls. This is what TelemetryWriter stores; OTLP mapping builds the same shape.
 */
export interface SampleItem {
  agentId: string;
  type: string;
  value: number;
  metadata: Record<string, unknown> | null;
  timestamp: Date;
}

export interface LlmCallItem {
  agentId: string;
  model: string;
  provider: string | null;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  status: 'success' | 'error';
  errorType: string | null;
  /** Client-supplied cost; when set it wins over the price table. */
  costUsd: number | null;
  traceId: string | null;
  timestamp: Date;
}

export interface ToolCallItem {
  agentId: string;
  tool: string;
  durationMs: number;
  status: 'success' | 'error';
  errorType: string | null;
  traceId: string | null;
  timestamp: Date;
}

export interface EventItem {
  /** Null: the event belongs to the caller, not to one agent. */
  agentId: string | null;
  type: string;
  message: string;
  metadata: Record<string, unknown> | null;
  timestamp: Date;
}

export interface IngestBatch {
  samples: SampleItem[];
  llmCalls: LlmCallItem[];
  toolCalls: ToolCallItem[];
  events: EventItem[];
}

export interface IngestAccepted {
  samples: number;
  llmCalls: number;
  toolCalls: number;
  events: number;
}

export const INGEST_KINDS = ['samples', 'llmCalls', 'toolCalls', 'events'] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];
