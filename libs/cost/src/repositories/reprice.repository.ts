import { EntityManager } from '@mikro-orm/postgresql';
import { Injectable } from '@nestjs/common';

export interface StoredCallRow {
  id: string;
  /** The stored timestamp to the microsecond (a JS Date keeps milliseconds): the keyset and the update match on it. */
  ts_key: string;
  ts: Date;
  model: string | null;
  input_tokens: number;
  output_tokens: number;
  cost_usd: string;
  rate_source: string;
}

export interface CostUpdate {
  id: string;
  ts_key: string;
  /** The cost read with the batch, as stored (numeric text): the delta is computed from it in SQL. */
  old_cost: string;
  cost_usd: number;
  rate_source: string;
  provider: string | null;
}

/** ISO 8601 in UTC with microseconds, whatever the session's DateStyle or TimeZone. */
export const TS_KEY = `to_char(ts at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;

@Injectable()
export class RepriceRepository {
  constructor(private readonly em: EntityManager) {}

  /** The next batch of computed-cost calls in [from, to) after the keyset (ts, id), in that order. */
  nextBatch(from: Date, to: Date, model: string | undefined, after: { tsKey: string; id: string } | null, limit: number): Promise<StoredCallRow[]> {
    const params: unknown[] = [from, to];
    let where = `ts >= ? and ts < ? and rate_source <> 'client'`;
    if (model !== undefined) {
      where += ' and lower(model) = lower(?)';
      params.push(model);
    }
    if (after) {
      where += ' and (ts, id) > (?::timestamptz, ?::uuid)';
      params.push(after.tsKey, after.id);
    }
    params.push(limit);
    return this.em
      .getConnection()
      .execute<StoredCallRow[]>(
        `select id, ${TS_KEY} as ts_key, ts, model, input_tokens, output_tokens, cost_usd::text as cost_usd, rate_source from llm_calls where ${where} order by ts, id limit ?`,
        params,
      );
  }

  /**
   * One statement per batch. A row is rewritten only while it still holds the cost read with the
   * batch and is not client-priced, so a concurrent change is never overwritten; the count and the
   * exact numeric delta come from the rows actually updated. A call stored without a provider takes
   * the provider of the price that now applies, as ingest would have stored it.
   */
  async apply(updates: CostUpdate[]): Promise<{ changed: number; delta: string }> {
    if (updates.length === 0) return { changed: 0, delta: '0' };
    const [row] = await this.em.getConnection().execute<{ changed: string; delta: string | null }[]>(
      `with r as (
         select * from jsonb_to_recordset(?::jsonb) as r(id uuid, ts_key timestamptz, old_cost numeric, cost_usd numeric, rate_source text, provider text)
       ), u as (
         update llm_calls l set cost_usd = r.cost_usd, rate_source = r.rate_source, provider = coalesce(l.provider, r.provider)
         from r where l.id = r.id and l.ts = r.ts_key and l.rate_source <> 'client' and l.cost_usd = r.old_cost
         returning l.cost_usd - r.old_cost as delta
       )
       select count(*) as changed, sum(delta)::text as delta from u`,
      [JSON.stringify(updates)],
    );
    return { changed: Number(row.changed), delta: row.delta ?? '0' };
  }
}
