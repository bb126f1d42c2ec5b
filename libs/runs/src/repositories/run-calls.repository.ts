import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { LLM_CALLS_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
import { CallRow } from './run-row';

/** A run's detail lists at most this many raw calls; the totals always count all of them. */
export const MAX_RUN_CALLS = 5000;

const LLM_TOKENS = `x.input_tokens, x.output_tokens, x.cache_read_input_tokens, x.cache_creation_input_tokens, x.cache_creation_5m_input_tokens,
  x.cache_creation_1h_input_tokens, x.reasoning_output_tokens, x.audio_input_tokens, x.audio_output_tokens, x.image_input_tokens`;
const NO_TOKENS = `0, 0, 0, 0, 0, 0, 0, 0, 0, 0`;

/** The raw LLM and tool calls of one run, in time order, while retention still keeps them. */
@Injectable()
export class RunCallsRepository {
  constructor(private readonly em: EntityManager) {}

  /**
   * Reads only the day partitions between the run's first and last call (its totals know them), through
   * the (agent_id, ts) indexes. At most MAX_RUN_CALLS + 1 rows, so the caller can tell a cut list.
   */
  calls(agentId: string, runId: string, firstCallAt: Date, lastCallAt: Date): Promise<CallRow[]> {
    return this.em.getConnection().execute<CallRow[]>(
      `select * from (
         select 'llm' as kind, x.id, x.ts, x.status, x.error_type, x.latency_ms as duration_ms, x.span_id, x.parent_span_id, x.trace_id,
           x.model, x.response_model, x.provider, null as tool, x.cost_usd::text as cost_usd, x.ttft_ms, ${LLM_TOKENS}
         from ${LLM_CALLS_TABLE} x where x.agent_id = ? and x.run_id = ? and x.ts >= ? and x.ts <= ?
         union all
         select 'tool', x.id, x.ts, x.status, x.error_type, x.duration_ms, x.span_id, x.parent_span_id, x.trace_id,
           null, null, null, x.tool, null, null, ${NO_TOKENS}
         from ${TOOL_CALLS_TABLE} x where x.agent_id = ? and x.run_id = ? and x.ts >= ? and x.ts <= ?
       ) c order by c.ts, c.kind, c.id limit ?`,
      [agentId, runId, firstCallAt, lastCallAt, agentId, runId, firstCallAt, lastCallAt, MAX_RUN_CALLS + 1],
    );
  }
}
