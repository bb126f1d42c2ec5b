import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

export const UNKNOWN_MODEL = 'Unknown model';

export interface ModelCostRow {
  model: string;
  provider: string | null;
  rate_source: string;
  input_tokens: string;
  output_tokens: string;
  cost: string;
}

@Injectable()
export class AgentCostRepository {
  constructor(private readonly em: EntityManager) {}

  /** Per (model, provider, rate source) sums of one agent's calls in [from, to). */
  byModel(agentId: string, from: Date, to: Date): Promise<ModelCostRow[]> {
    return this.em.getConnection().execute<ModelCostRow[]>(
      `select coalesce(model, ?) as model, provider, rate_source,
              sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens, sum(cost_usd) as cost
       from llm_calls where agent_id = ? and ts >= ? and ts < ?
       group by 1, 2, 3 order by sum(cost_usd) desc, 1, 2, 3`,
      [UNKNOWN_MODEL, agentId, from, to],
    );
  }
}
