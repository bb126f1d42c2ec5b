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

/**
 * Token types of one call with OpenTelemetry GenAI semantics: inputTokens is the whole prompt
 * (cache reads, cache writes, audio and image tokens inside it), outputTokens includes reasoning
 * and audio output. An absent type is 0 (not reported).
 */
export interface LlmUsageByType {
  cacheReadInputTokens?: number;
  /** All cache writes; the 5m / 1h split, when known, partitions it. */
  cacheCreationInputTokens?: number;
  cacheCreation5mInputTokens?: number;
  cacheCreation1hInputTokens?: number;
  reasoningOutputTokens?: number;
  audioInputTokens?: number;
  audioOutputTokens?: number;
  imageInputTokens?: number;
}

/** Where a call sits in an agent run (from OTLP span ids, or sent by the client). */
export interface CallPlacement {
  runId?: string | null;
  conversationId?: string | null;
  spanId?: string | null;
  parentSpanId?: string | null;
}

export interface LlmCallItem extends LlmUsageByType, CallPlacement {
  agentId: string;
  /** The model asked for. */
  model: string;
  /** The model that answered (often a dated snapshot); priced first. */
  responseModel?: string | null;
  provider: string | null;
  inputTokens: number;
  outputTokens: number;
  latencyMs: number;
  /** Streamed calls: milliseconds until the first token arrived, when the client knows it. */
  timeToFirstTokenMs?: number | null;
  status: 'success' | 'error';
  errorType: string | null;
  /** Client-supplied cost; when set it wins over the price table. */
  costUsd: number | null;
  traceId: string | null;
  timestamp: Date;
}

export interface ToolCallItem extends CallPlacement {
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

/**
 * One execution of an agent's task: sent in `runs[]`, or made by OTLP from a root agent/workflow
 * span (or a trace without one). `id` is the client's or the span's; calls name it as `runId`.
 */
export interface RunItem {
  id: string;
  agentId: string;
  conversationId: string | null;
  name: string | null;
  status: 'running' | 'success' | 'error';
  startedAt: Date;
  endedAt: Date | null;
  metadata: Record<string, unknown> | null;
  traceId?: string | null;
  spanId?: string | null;
}

export interface IngestBatch {
  /** Absent: the batch carries no runs (calls may still name a runId). */
  runs?: RunItem[];
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
  /** Present when the batch carried runs[]. */
  runs?: number;
}

export const INGEST_KINDS = ['samples', 'llmCalls', 'toolCalls', 'events'] as const;
export type IngestKind = (typeof INGEST_KINDS)[number];
