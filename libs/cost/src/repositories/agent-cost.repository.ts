import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import type { CostPartKey } from '../pricing/cost-parts';
import { TOKEN_TYPE_COLUMNS, type TokenTypeColumn } from './usage-columns.sql';

export const UNKNOWN_MODEL = 'Unknown model';

/** The response's per-type cost names → the keys of llm_calls.cost_lines (the pricing core's token types). */
export const COST_TYPE_KEYS = {
  input: 'input',
  output: 'output',
  cache_read: 'cacheRead',
  cache_write_5m: 'cacheWrite5m',
  cache_write_1h: 'cacheWrite1h',
  reasoning: 'reasoning',
  audio_input: 'audioInput',
  audio_output: 'audioOutput',
  image_input: 'imageInput',
  cache_read_audio: 'cacheReadAudio',
  cache_read_image: 'cacheReadImage',
  request: 'request',
} as const satisfies Record<string, CostPartKey>;
export type CostTypeName = keyof typeof COST_TYPE_KEYS;
const COST_TYPE_NAMES = Object.keys(COST_TYPE_KEYS) as CostTypeName[];

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
  /** Calls of the group stored without per-type lines (client and fallback costs, or priced before the lines existed). */
  calls_without_lines: string;
} & Record<TokenTypeColumn, string> &
  Record<`cost_${CostTypeName}`, string | null>;

const BY_MODEL_SQL = `
  select coalesce(model, ?) as model, provider, rate_source, price_source, price_version, count(*) as calls,
         sum(input_tokens) as input_tokens, sum(output_tokens) as output_tokens,
         ${TOKEN_TYPE_COLUMNS.map((c) => `sum(${c}) as ${c}`).join(', ')}, sum(cost_usd) as cost,
         count(*) - count(cost_lines) as calls_without_lines,
         ${COST_TYPE_NAMES.map((n) => `sum((cost_lines->>'${COST_TYPE_KEYS[n]}')::numeric)::text as cost_${n}`).join(', ')}
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
