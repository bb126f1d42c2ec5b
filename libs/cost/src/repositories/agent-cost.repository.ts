import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

export const UNKNOWN_MODEL = 'Unknown model';

/** The per-type token columns of llm_calls (partitions of input_tokens / output_tokens), summed per group. */
export const TOKEN_TYPE_COLUMNS = [
  'cache_read_input_tokens',
  'cache_creation_input_tokens',
  'cache_creation_5m_input_tokens',
  'cache_creation_1h_input_tokens',
  'reasoning_output_tokens',
  'audio_input_tokens',
  'audio_output_tokens',
  'image_input_tokens',
] as const;
export type TokenTypeColumn = (typeof TOKEN_TYPE_COLUMNS)[number];

export type ModelCostRow = {
  model: string;
  provider: string | null;
  rate_source: string;
  price_source: string | null;
  price_version: string | null;
  calls: string;
  input_tokens: string;
  output_tokens: string;
  cost: string;
} & Record<TokenTypeColumn, string>;

const BY_MODEL_SQL = `
  select coalesce(model, ?) as model, provider, rate_source, price_source, price_version, count(*) as calls,
         sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
         ${TOKEN_TYPE_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')}, sum(cost_usd) as cost
  from llm_calls where agent_id = ? and ts >= ? and ts < ?
  group by 1, 2, 3, 4, 5 order by sum(cost_usd) desc, 1, 2, 3, 4 nulls first, 5 nulls first`;

@Injectable()
export class AgentCostRepository {
  constructor(private readonly em: EntityManager) {}

  /** Per (model, provider, rate source, price source, price version) sums of one agent's calls in [from, to). */
  byModel(agentId: string, from: Date, to: Date): Promise<ModelCostRow[]> {
    return this.em.getConnection().execute<ModelCostRow[]>(BY_MODEL_SQL, [UNKNOWN_MODEL, agentId, from, to]);
  }
}
