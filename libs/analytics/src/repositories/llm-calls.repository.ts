import { LLM_CALLS_TABLE } from '@fleetwatch/ingest';
import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { agentScopeSql } from './agent-scope.sql';

export interface LlmFilter {
  start: Date;
  end: Date;
  model?: string;
  /** undefined: every owner. */
  ownerId?: string;
}

export interface LlmModelRow {
  model: string;
  calls: number;
  errors: number;
  latency: (number | null)[];
  streamed: number;
  ttft: (number | null)[] | null;
  input_tokens: string;
  output_tokens: string;
  cost: string;
}

/** Hand-written reads over raw `llm_calls` rows (partition-pruned by the ts range). */
@Injectable()
export class LlmCallsRepository {
  constructor(private readonly em: EntityManager) {}

  /** Exact percentiles (percentile_cont); time to first token over the calls that reported one. */
  byModel(filter: LlmFilter): Promise<LlmModelRow[]> {
    const params: unknown[] = [filter.start, filter.end];
    let where = 'ts >= ? and ts < ?';
    if (filter.model !== undefined) {
      where += ' and model = ?';
      params.push(filter.model);
    }
    where += agentScopeSql('agent_id', filter.ownerId, params);
    return this.em.getConnection().execute<LlmModelRow[]>(
      `select coalesce(model, '') as model, count(*)::int as calls, (count(*) filter (where status = 'error'))::int as errors,
              percentile_cont(array[0.5, 0.95, 0.99]) within group (order by latency_ms) as latency,
              count(ttft_ms)::int as streamed,
              percentile_cont(array[0.5, 0.95, 0.99]) within group (order by ttft_ms) as ttft,
              sum(input_tokens::bigint)::text as input_tokens, sum(output_tokens::bigint)::text as output_tokens, sum(cost_usd)::text as cost
       from ${LLM_CALLS_TABLE} where ${where}
       group by coalesce(model, '') order by calls desc, coalesce(model, '') collate "C"`,
      params,
    );
  }
}
