/** A runs row as the read statements return it (bigint and numeric columns arrive as text). */
export interface RunRow {
  key: string;
  id: string;
  agent_id: string;
  conversation_id: string | null;
  name: string | null;
  status: string;
  reported: boolean;
  started_at: Date;
  ended_at: Date | null;
  metadata: Record<string, unknown> | null;
  trace_id: string | null;
  span_id: string | null;
  llm_calls: number;
  tool_calls: number;
  errors: number;
  input_tokens: string;
  output_tokens: string;
  cache_read_input_tokens: string;
  cache_creation_input_tokens: string;
  cache_creation_5m_input_tokens: string;
  cache_creation_1h_input_tokens: string;
  reasoning_output_tokens: string;
  audio_input_tokens: string;
  audio_output_tokens: string;
  image_input_tokens: string;
  cost_usd: string;
  first_call_at: Date | null;
  last_call_at: Date | null;
}

/** Token sums of a run, or of a group of runs, keyed as in the runs table. */
export type TokenSums = Pick<
  RunRow,
  | 'input_tokens'
  | 'output_tokens'
  | 'cache_read_input_tokens'
  | 'cache_creation_input_tokens'
  | 'cache_creation_5m_input_tokens'
  | 'cache_creation_1h_input_tokens'
  | 'reasoning_output_tokens'
  | 'audio_input_tokens'
  | 'audio_output_tokens'
  | 'image_input_tokens'
>;

export const TOKEN_COLUMNS: readonly (keyof TokenSums)[] = [
  'input_tokens',
  'output_tokens',
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation_5m_input_tokens',
  'cache_creation_1h_input_tokens',
  'reasoning_output_tokens',
  'audio_input_tokens',
  'audio_output_tokens',
  'image_input_tokens',
];

export interface ConversationRow extends TokenSums {
  conversation_id: string;
  runs: string;
  running_runs: string;
  steps: string;
  errors: string;
  cost_usd: string;
  first_activity_at: Date;
  last_activity_at: Date;
}

export interface CallRow {
  kind: 'llm' | 'tool';
  id: string;
  ts: Date;
  status: string;
  error_type: string | null;
  duration_ms: number;
  span_id: string | null;
  parent_span_id: string | null;
  trace_id: string | null;
  model: string | null;
  response_model: string | null;
  provider: string | null;
  tool: string | null;
  cost_usd: string | null;
  ttft_ms: number | null;
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens: number;
  cache_creation_input_tokens: number;
  cache_creation_5m_input_tokens: number;
  cache_creation_1h_input_tokens: number;
  reasoning_output_tokens: number;
  audio_input_tokens: number;
  audio_output_tokens: number;
  image_input_tokens: number;
}
