import { decodeProtobufResponse, encodeProtobufRequest } from '@fleetwatch/otlp';
import { TestApp } from '../support/test-app';
import { asProtobufObject } from './otlp-json.builder';
import { binaryParser } from './otlp-test-kit';

export type Format = 'json' | 'protobuf';

export interface ExportAnswer {
  status: number;
  /** Absent when the export was fully accepted (empty answer). */
  partialSuccess?: { rejectedSpans: number; errorMessage: string };
}

/** Sends a hand-built export as OTLP JSON or protobuf and reads the answer in either encoding. */
export async function sendTraces(
  t: TestApp,
  body: Record<string, unknown>,
  format: Format,
  auth: { apiKey: string } | { authorization: string },
  path = '/api/otlp/v1/traces',
): Promise<ExportAnswer> {
  let request = 'apiKey' in auth ? t.client.post(path, { apiKey: auth.apiKey }) : t.client.post(path).set('Authorization', auth.authorization);
  if (format === 'json') {
    const response = await request.set('Content-Type', 'application/json').send(body);
    const partial = response.body?.partialSuccess as { rejectedSpans: string; errorMessage: string } | undefined;
    return {
      status: response.status,
      ...(partial ? { partialSuccess: { rejectedSpans: Number(partial.rejectedSpans ?? 0), errorMessage: partial.errorMessage } } : {}),
    };
  }
  request = request.set('Content-Type', 'application/x-protobuf').buffer(true).parse(binaryParser);
  const response = await request.send(encodeProtobufRequest('traces', asProtobufObject(body)));
  if (response.status !== 200) return { status: response.status };
  const decoded = decodeProtobufResponse('traces', new Uint8Array(response.body as Buffer)) as {
    partialSuccess?: { rejectedSpans?: string; errorMessage?: string };
  };
  const partial = decoded.partialSuccess;
  return {
    status: response.status,
    ...(partial ? { partialSuccess: { rejectedSpans: Number(partial.rejectedSpans ?? 0), errorMessage: partial.errorMessage ?? '' } } : {}),
  };
}

/** What a user reads back per LLM call (cost as a number, times as ISO). */
export async function storedCalls(t: TestApp, agentId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await t.sql.query(
    `select model, response_model, provider, input_tokens, output_tokens, cache_read_input_tokens, cache_creation_input_tokens,
            reasoning_output_tokens, audio_input_tokens, audio_output_tokens, image_input_tokens, ttft_ms, status, error_type,
            cost_usd::text as cost_usd, rate_source, price_source, run_id, conversation_id, span_id, parent_span_id, ts
     from llm_calls where agent_id = $1 order by ts, span_id`,
    [agentId],
  );
  return rows.map((r) => ({ ...r, cost_usd: Number(r.cost_usd), ts: (r.ts as Date).toISOString() }));
}

export async function storedTools(t: TestApp, agentId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await t.sql.query(
    `select tool, duration_ms, status, error_type, run_id, conversation_id, span_id, parent_span_id from tool_calls where agent_id = $1 order by ts, span_id`,
    [agentId],
  );
  return rows;
}

/** The runs stored for an agent, as a user reads them back (cost as a number, times as ISO). */
export async function storedRuns(t: TestApp, agentId: string): Promise<Record<string, unknown>[]> {
  const { rows } = await t.sql.query(
    `select id, name, status, conversation_id, started_at, ended_at, trace_id, span_id, llm_calls, tool_calls, errors,
            input_tokens::int, output_tokens::int, cache_read_input_tokens::int, reasoning_output_tokens::int, cost_usd::text as cost_usd, metadata
     from runs where agent_id = $1 order by started_at, id`,
    [agentId],
  );
  return rows.map((r) => ({
    ...r,
    cost_usd: Number(r.cost_usd),
    started_at: (r.started_at as Date).toISOString(),
    ended_at: r.ended_at ? (r.ended_at as Date).toISOString() : null,
  }));
}

/**
 * Cost in USD of gpt-4o-mini from the catalogue: input $0.15, cached input $0.075, output $0.60
 * per 1M tokens (cache writes and reasoning have no rate of their own: input and output rates).
 * In micro-dollars per 1M first, so the arithmetic stays exact.
 */
export function gpt4oMiniCost(input: number, cacheRead: number, output: number): number {
  return ((input - cacheRead) * 150 + cacheRead * 75 + output * 600) / 1e9;
}
