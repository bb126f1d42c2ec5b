import type { OtlpSpan } from '../codec/otlp-model';

/**
 * What one convention reads from one span, before the trace is looked at as a whole:
 * - `llm` / `tool`: a call (kept only when it is a leaf: see trace.assembler);
 * - `run`: an agent or workflow execution (invoke_agent, ai.generateText, an AGENT span …);
 * - `structure`: recognised, carries nothing to store (a chain step, create_agent, a plain span).
 */
export type SpanRole = 'llm' | 'tool' | 'run' | 'structure';

/** Token counts with OpenTelemetry GenAI semantics: input includes cache reads/writes, output reasoning. */
export interface UsageFacts {
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
}

export interface SpanFacts {
  role: SpanRole;
  /** The convention that recognised the span (docs/otlp.md names them). */
  convention: 'genai' | 'vercel-ai' | 'openinference' | 'traceloop' | 'langfuse';
  /** LLM calls: the model asked for, the one that answered, the provider. */
  model?: string;
  responseModel?: string;
  provider?: string;
  usage?: UsageFacts;
  timeToFirstTokenMs?: number;
  /** Tool calls: the tool's name. */
  tool?: string;
  /** Runs: a display name (agent or workflow name). */
  name?: string;
  conversationId?: string;
  /** Set when the convention marks the span failed (beyond the OTLP span status). */
  errorType?: string;
}

/** One convention: recognises a span and reads its facts, or answers undefined (not its span). */
export type SpanConvention = (span: OtlpSpan) => SpanFacts | undefined;
