import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';
import { joinAgents } from '@fleetwatch/agents';

export interface StoredCallRow {
  id: string;
  /** The stored timestamp to the microsecond (a JS Date keeps milliseconds): the keyset and the update match on it. */
  ts_key: string;
  ts: Date;
  model: string | null;
  response_model: string | null;
  provider: string | null;
  owner_id: string;
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
  cost_usd: string;
  rate_source: string;
  price_source: string | null;
  price_version: string | null;
  /** True for a call stored before per-type lines existed (Migration20261201090000CostLines) or priced without them. */
  lines_missing: boolean;
}

export interface CostUpdate {
  id: string;
  ts_key: string;
  /** The cost read with the batch, as stored (numeric text): the delta is computed from it in SQL. */
  old_cost: string;
  cost_usd: string;
  rate_source: string;
  price_source: string | null;
  price_version: string | null;
  provider: string | null;
  /** The per-type split of cost_usd (CostParts), null for a fallback cost. */
  cost_lines: Record<string, string> | null;
  /** Only the lines are filled in (cost, sources and version unchanged): not counted as changed. */
  lines_only: boolean;
}

/** ISO 8601 in UTC with microseconds, whatever the session's DateStyle or TimeZone. */
const TS_KEY_OF = (alias: string): string => `to_char(${alias}.ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

@Injectable()
export class RepriceRepository {
  constructor(private readonly em: EntityManager) {}

  /** The next batch of computed-cost calls in [from, to) after the keyset (ts, id), in that order. */
  nextBatch(
    from: Date,
    to: Date,
    filter: { model?: string; ownerId?: string },
    after: { tsKey: string; id: string } | null,
    limit: number,
  ): Promise<StoredCallRow[]> {
    const params: unknown[] = [from, to];
    let where = `l.ts >= ? and l.ts < ? and l.rate_source <> 'client'`;
    if (filter.model !== undefined) {
      // The name as sent or as answered: an override of `gpt-4o` reprices the calls that ran a snapshot of it too.
      where +=
        ' and (lower(l.model) = lower(?) or lower(l.response_model) = lower(?) or lower(l.model) like lower(?) or lower(l.response_model) like lower(?))';
      const prefix = `${filter.model.replace(/[\\%_]/g, (c) => `\\${c}`)}-%`;
      params.push(filter.model, filter.model, prefix, prefix);
    }
    if (filter.ownerId !== undefined) {
      where += ' and a.owner_id = ?';
      params.push(filter.ownerId);
    }
    if (after) {
      where += ' and (l.ts, l.id) > (?::timestamptz, ?::uuid)';
      params.push(after.tsKey, after.id);
    }
    params.push(limit);
    return this.em.getConnection().execute<StoredCallRow[]>(
      `select l.id, ${TS_KEY_OF('l')} as ts_key, l.ts, l.model, l.response_model, l.provider, a.owner_id, l.input_tokens, l.output_tokens,
           l.cache_read_input_tokens, l.cache_creation_input_tokens, l.cache_creation_5m_input_tokens, l.cache_creation_1h_input_tokens,
           l.reasoning_output_tokens, l.audio_input_tokens, l.audio_output_tokens, l.image_input_tokens,
           l.cost_usd::text as cost_usd, l.rate_source, l.price_source, l.price_version, l.cost_lines is null as lines_missing
         from llm_calls l ${joinAgents('a', 'l.agent_id')} where ${where} order by l.ts, l.id limit ?`,
      params,
    );
  }

  /**
   * One statement per batch. A row is rewritten only while it still holds the cost read with the
   * batch and is not client-priced, so a concurrent change is never overwritten; the count and the
   * exact numeric delta come from the rows actually updated, and a row whose lines alone were filled
   * in is not counted (its cost did not change). The lines are written with the cost, never apart.
   * A call stored without a provider takes the provider of the price that now applies, as ingest would have stored it.
   */
  async apply(updates: CostUpdate[]): Promise<{ changed: number; delta: string }> {
    if (updates.length === 0) return { changed: 0, delta: '0' };
    const [row] = await this.em.getConnection().execute<{ changed: string; delta: string | null }[]>(
      `with r as (
         select * from jsonb_to_recordset(?::jsonb) as r(id uuid, ts_key timestamptz, old_cost numeric, cost_usd numeric, rate_source text, price_source text, price_version text, provider text,
           cost_lines jsonb, lines_only boolean)
       ), u as (
         update llm_calls l set cost_usd = r.cost_usd, rate_source = r.rate_source, price_source = r.price_source, price_version = r.price_version,
           cost_lines = r.cost_lines, provider = coalesce(l.provider, r.provider)
         from r where l.id = r.id and l.ts = r.ts_key and l.rate_source <> 'client' and l.cost_usd = r.old_cost
         returning l.cost_usd - r.old_cost as delta, r.lines_only
       )
       select count(*) filter (where not lines_only) as changed, sum(delta)::text as delta from u`,
      [JSON.stringify(updates)],
    );
    return { changed: Number(row.changed), delta: row.delta ?? '0' };
  }
}
