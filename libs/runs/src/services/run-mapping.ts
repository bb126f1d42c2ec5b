import { ConversationDto, RunCallDto, RunResponseDto, RunTokensDto } from '../dto/run.dto';
import { CallRow, ConversationRow, RunRow, TokenSums } from '../repositories/run-row';

type NumericTokens = { [K in keyof TokenSums]: string | number };

export function tokensOf(t: NumericTokens): RunTokensDto {
  const input = Number(t.input_tokens);
  const output = Number(t.output_tokens);
  return {
    total: input + output,
    input,
    output,
    cacheRead: Number(t.cache_read_input_tokens),
    cacheCreation: Number(t.cache_creation_input_tokens),
    cacheCreation5m: Number(t.cache_creation_5m_input_tokens),
    cacheCreation1h: Number(t.cache_creation_1h_input_tokens),
    reasoning: Number(t.reasoning_output_tokens),
    audioInput: Number(t.audio_input_tokens),
    audioOutput: Number(t.audio_output_tokens),
    imageInput: Number(t.image_input_tokens),
  };
}

const isoOrNull = (d: Date | null): string | null => (d ? new Date(d).toISOString() : null);

export function runOf(row: RunRow, now: Date): RunResponseDto {
  const started = new Date(row.started_at);
  // A finished run sent without endedAt lasted at least until its last call; only a running one lasts until now.
  const end = row.ended_at ? new Date(row.ended_at) : row.status === 'running' ? now : new Date(row.last_call_at ?? row.started_at);
  return {
    key: row.key,
    id: row.id,
    agentId: row.agent_id,
    conversationId: row.conversation_id,
    name: row.name,
    status: row.status,
    reported: row.reported,
    startedAt: started.toISOString(),
    endedAt: isoOrNull(row.ended_at),
    durationMs: Math.max(0, end.getTime() - started.getTime()),
    steps: row.llm_calls + row.tool_calls,
    llmCalls: row.llm_calls,
    toolCalls: row.tool_calls,
    errors: row.errors,
    tokens: tokensOf(row),
    costUsd: Number(row.cost_usd),
    firstCallAt: isoOrNull(row.first_call_at),
    lastCallAt: isoOrNull(row.last_call_at),
    traceId: row.trace_id,
    spanId: row.span_id,
    metadata: row.metadata,
  };
}

export function callOf(row: CallRow): RunCallDto {
  const common = {
    kind: row.kind,
    id: row.id,
    timestamp: new Date(row.ts).toISOString(),
    status: row.status,
    errorType: row.error_type,
    durationMs: Number(row.duration_ms),
    spanId: row.span_id,
    parentSpanId: row.parent_span_id,
    traceId: row.trace_id,
    children: [],
  };
  if (row.kind === 'tool') return { ...common, tool: row.tool ?? '' };
  return {
    ...common,
    model: row.model,
    responseModel: row.response_model,
    provider: row.provider,
    tokens: tokensOf(row),
    costUsd: Number(row.cost_usd),
    timeToFirstTokenMs: row.ttft_ms === null ? null : Number(row.ttft_ms),
  };
}

export function conversationOf(row: ConversationRow): ConversationDto {
  return {
    conversationId: row.conversation_id,
    runs: Number(row.runs),
    runningRuns: Number(row.running_runs),
    steps: Number(row.steps),
    errors: Number(row.errors),
    tokens: tokensOf(row),
    costUsd: Number(row.cost_usd),
    firstActivityAt: new Date(row.first_activity_at).toISOString(),
    lastActivityAt: new Date(row.last_activity_at).toISOString(),
  };
}
