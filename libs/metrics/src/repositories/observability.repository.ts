import { LLM_CALLS_TABLE, TOOL_CALLS_TABLE } from '@fleetwatch/ingest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { num, query } from './execute';

export interface BucketRow {
  k: number;
  traces: number;
  latency: number;
  input: number;
  output: number;
  errors: number;
}

/**
 * Buckets are read from raw calls: distinct traces do not add up across hours or models, so
 * rollups cannot answer them for arbitrary widths.
 */
@Injectable()
export class ObservabilityRepository {
  constructor(private readonly em: EntityManager) {}

  async buckets(agentId: string, from: Date, to: Date, widthSeconds: number): Promise<BucketRow[]> {
    const rows = await query<Record<string, string | null>>(
      this.em,
      `with calls as (
         select ts, coalesce(trace_id, 'llm:' || id::text) as trace, latency_ms, input_tokens, output_tokens, (status = 'error')::int as err
         from ${LLM_CALLS_TABLE} where agent_id = ? and ts >= ? and ts < ?
         union all
         select ts, coalesce(trace_id, 'tool:' || id::text), null, 0, 0, (status = 'error')::int
         from ${TOOL_CALLS_TABLE} where agent_id = ? and ts >= ? and ts < ?
       )
       select floor(extract(epoch from ts) / ?)::bigint as k, count(distinct trace) as traces, avg(latency_ms) as latency,
              sum(input_tokens) as input, sum(output_tokens) as output, sum(err) as errors
       from calls group by 1 order by 1`,
      [agentId, from, to, agentId, from, to, widthSeconds],
    );
    return rows.map((r) => ({
      k: num(r.k),
      traces: num(r.traces),
      latency: num(r.latency),
      input: num(r.input),
      output: num(r.output),
      errors: num(r.errors),
    }));
  }
}
