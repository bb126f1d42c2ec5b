import { ROLLUP_LLM_TABLE } from '@fleetwatch/rollups';
import { LLM_CALLS_TABLE, SAMPLES_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { num, query } from './execute';
import { DERIVED_TYPES, DerivedType } from '../dto/agent-metrics.dto';

export interface RecordRow {
  id: string;
  metric_type: string;
  value: number | string;
  metadata: Record<string, unknown> | null;
  ts: Date;
}

/** Token types are parts of input_tokens / output_tokens (OpenTelemetry GenAI), named as llm_calls stores them. */
const LLM_METADATA = `jsonb_build_object('model', model, 'response_model', response_model, 'provider', provider,
  'input_tokens', input_tokens, 'output_tokens', output_tokens,
  'cache_read_input_tokens', cache_read_input_tokens, 'cache_creation_input_tokens', cache_creation_input_tokens,
  'cache_creation_5m_input_tokens', cache_creation_5m_input_tokens, 'cache_creation_1h_input_tokens', cache_creation_1h_input_tokens,
  'reasoning_output_tokens', reasoning_output_tokens, 'audio_input_tokens', audio_input_tokens, 'audio_output_tokens', audio_output_tokens,
  'image_input_tokens', image_input_tokens, 'status', status, 'trace_id', trace_id)`;

/** How each derived type is read from the LLM and tool call tables. Token columns are int4: add them as bigint. */
const DERIVED_SQL: Record<DerivedType, string> = {
  tokens: `select id, 'tokens' as metric_type, (input_tokens::bigint + output_tokens)::float8 as value, ${LLM_METADATA} as metadata, ts from ${LLM_CALLS_TABLE}`,
  llm_latency_ms: `select id, 'llm_latency_ms', latency_ms, ${LLM_METADATA}, ts from ${LLM_CALLS_TABLE}`,
  cost_usd: `select id, 'cost_usd', cost_usd::float8, ${LLM_METADATA} || jsonb_build_object('rate_source', rate_source, 'price_source', price_source, 'price_version', price_version), ts from ${LLM_CALLS_TABLE}`,
  tool_duration_ms: `select id, 'tool_duration_ms', duration_ms,
    jsonb_build_object('tool', tool, 'status', status, 'error_type', error_type, 'trace_id', trace_id), ts from ${TOOL_CALLS_TABLE}`,
};

@Injectable()
export class AgentMetricsRepository {
  constructor(private readonly em: EntityManager) {}

  async records(agentId: string, type: string | undefined, since: Date, until: Date, limit: number): Promise<RecordRow[]> {
    const parts: string[] = [];
    const params: unknown[] = [];
    parts.push(`select id, type as metric_type, value, metadata, ts from ${SAMPLES_TABLE}
                where agent_id = ? and ts >= ? and ts <= ? ${type ? 'and type = ?' : ''}`);
    params.push(agentId, since, until, ...(type ? [type] : []));
    for (const derived of DERIVED_TYPES) {
      if (type && type !== derived) continue;
      parts.push(`${DERIVED_SQL[derived]} where agent_id = ? and ts >= ? and ts <= ?`);
      params.push(agentId, since, until);
    }
    params.push(limit);
    // The newest `limit` records, returned oldest first: a busy agent's latest data is never the part cut off.
    return query<RecordRow>(
      this.em,
      `select * from (select * from (${parts.join(' union all ')}) r order by ts desc, metric_type desc, id desc limit ?) n
       order by ts, metric_type, id`,
      params,
    );
  }

  /** Rollups for hours before `cutoff`, raw LLM calls from `cutoff` on. */
  async llmTotals(agentId: string, cutoff: Date): Promise<{ tokens: number; requests: number; latencySum: number }> {
    const [row] = await query<Record<string, string | null>>(
      this.em,
      `select sum(tokens) as tokens, sum(n) as n, sum(latency) as latency from (
         select sum(input_tokens + output_tokens) as tokens, sum(count) as n, sum(latency_sum) as latency
         from ${ROLLUP_LLM_TABLE} where agent_id = ? and hour < ?
         union all
         select sum(input_tokens::bigint + output_tokens), count(*), sum(latency_ms) from ${LLM_CALLS_TABLE} where agent_id = ? and ts >= ?
       ) t`,
      [agentId, cutoff, agentId, cutoff],
    );
    return { tokens: num(row.tokens), requests: num(row.n), latencySum: num(row.latency) };
  }

  async lastActive(agentId: string): Promise<Date | null> {
    const [row] = await query<{ at: Date | null }>(
      this.em,
      `select greatest(
         (select max(ts) from ${SAMPLES_TABLE} where agent_id = ?),
         (select max(ts) from ${LLM_CALLS_TABLE} where agent_id = ?),
         (select max(ts) from ${TOOL_CALLS_TABLE} where agent_id = ?)) as at`,
      [agentId, agentId, agentId],
    );
    return row?.at ? new Date(row.at) : null;
  }
}
